// The snippet a shop pastes into its pages, written as a function of its globals so tests can
// run it against any window. The build minifies it into dist/snippet.min.js (see
// packages/sdk/build/snippet-build.ts); keep it small: it has a 1 KB gzip budget.

/** Methods callable before the runtime loads; each call is queued and its promise settles later. */
export const STUB_METHODS =
  'track recommend profile audiences consent export forget resetLearning on ready flush stats';

/** One queued call: method, arguments, and the settle functions of the promise the page holds. */
export type QueuedCall = [string, unknown[], (value: unknown) => void, (reason: unknown) => void];

/** `window.insitu` before the runtime loads. */
export interface InsituStub {
  /** Calls in the order they were made. */
  q: QueuedCall[];
  /** Config given in the snippet. */
  c?: Record<string, unknown>;
  [method: string]: unknown;
}

/**
 * Defines `w.insitu` as a queue stub (unless something is already there: pasting twice is
 * harmless) and, when `src` is given, loads the runtime from it as an async module script.
 */
export function snippet(
  w: { insitu?: unknown },
  d: Document,
  src?: string,
  config?: Record<string, unknown>,
): void {
  if (w.insitu) return;
  const q: QueuedCall[] = [];
  const stub: InsituStub = { q, c: config };
  for (const m of STUB_METHODS.split(' ')) {
    stub[m] = (...a: unknown[]) => new Promise((res, rej) => q.push([m, a, res, rej]));
  }
  w.insitu = stub;
  if (src) {
    const s = d.createElement('script');
    s.type = 'module';
    s.async = true;
    s.src = src;
    d.head.appendChild(s);
  }
}
