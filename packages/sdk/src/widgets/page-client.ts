import type { InsituError } from '@insitu/core';
import type { Insitu } from '../main/types.ts';

/** How long an element waits for `window.insitu` when the widget script runs before the snippet. */
const WAIT_STEPS = 50;
const WAIT_MS = 200;

const fromPage = (): Partial<Insitu> | undefined => (window as { insitu?: Partial<Insitu> }).insitu;

/**
 * An `InsituError`-shaped error (name, `code`, message). Not the class itself: importing it would
 * make the bundler split core's errors module into a chunk shared with insitu.js, one more request
 * before widgets.js can run.
 */
const missing = (): InsituError =>
  Object.assign(new Error('insitu is not on this page: paste the snippet before the widgets.'), {
    name: 'InsituError',
    code: 'worker_unavailable',
    field: undefined,
  } as const);

/**
 * The page's insitu client (the snippet's queue stub works too: its calls are replayed), waited for
 * up to 10 s. Rejects when the page never gets one, so the element shows its fallback.
 */
export async function pageClient<K extends keyof Insitu>(
  methods: readonly K[],
  alive: () => boolean = () => true,
): Promise<Pick<Insitu, K>> {
  const ok = (c: Partial<Insitu> | undefined): c is Pick<Insitu, K> =>
    c !== undefined && methods.every((m) => typeof c[m] === 'function');
  for (let i = 0; i < WAIT_STEPS && alive(); i++) {
    const c = fromPage();
    if (ok(c)) return c;
    await new Promise((r) => setTimeout(r, WAIT_MS));
  }
  const c = fromPage();
  if (ok(c)) return c;
  throw missing();
}

/** Subscribes to `change` on the real client or on the snippet's stub (whose `on` is queued). */
export function onChange(client: Pick<Insitu, 'on'>, fn: () => void): () => void {
  let off: (() => void) | undefined;
  let gone = false;
  try {
    const r = client.on('change', fn) as unknown;
    void Promise.resolve(r).then(
      (u) => {
        if (typeof u === 'function') off = u as () => void;
        if (gone) off?.();
      },
      () => undefined,
    );
  } catch {
    // No change events: the element shows what it found when it connected.
  }
  return () => {
    gone = true;
    off?.();
  };
}
