// Times a bare page → worker → page call: comlink's `wrap` against a hand-written postMessage
// pair on the same worker, `calls` warm calls each, and leaves the times on `window`.
import { wrap } from 'comlink';

declare global {
  interface Window {
    __roundTrip?: { comlink: number[]; postMessage: number[] } | { error: string };
  }
}

const calls = Number(new URLSearchParams(location.search).get('calls') ?? '500');
const worker = new Worker(new URL('./round-trip-worker.ts', import.meta.url), { type: 'module' });
const api = wrap<{ noop(x: number): number }>(worker);

let waiting: ((v: number) => void) | undefined;
worker.addEventListener('message', (e: MessageEvent<unknown>) => {
  const m = e.data as { raw?: number } | null;
  if (m !== null && typeof m === 'object' && 'raw' in m) waiting?.(m.raw ?? 0);
});
const raw = (n: number) =>
  new Promise<number>((resolve) => {
    waiting = resolve;
    worker.postMessage({ raw: n });
  });

async function time(fn: (i: number) => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 50; i++) await fn(i); // warm-up
  const out: number[] = [];
  for (let i = 0; i < calls; i++) {
    const t = performance.now();
    await fn(i);
    out.push(performance.now() - t);
  }
  return out;
}

try {
  // Alternate the two, so both see the same machine load.
  const comlink: number[] = [];
  const postMessage: number[] = [];
  for (let round = 0; round < 4; round++) {
    comlink.push(...(await time((i) => api.noop(i))));
    postMessage.push(...(await time((i) => raw(i))));
  }
  window.__roundTrip = { comlink, postMessage };
} catch (e) {
  window.__roundTrip = { error: String(e) };
}
