// The round-trip bench's worker: one method that does nothing, reachable through comlink and
// through a hand-written postMessage pair, so the two transports are timed on the same worker.
import { expose } from 'comlink';

const api = { noop: (x: number) => x };

addEventListener('message', (e: MessageEvent<unknown>) => {
  const m = e.data as { raw?: number } | null;
  // Comlink's own messages carry an id and a type; ours are { raw: n }.
  if (m !== null && typeof m === 'object' && 'raw' in m) postMessage({ raw: m.raw });
});
expose(api);
