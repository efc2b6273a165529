// The recommend bench page: starts the bench worker and leaves its answer on `window`.
import type { RecommendBenchRow } from './bench-worker.ts';

declare global {
  interface Window {
    __recommendBench?: { rows?: RecommendBenchRow[]; error?: string };
  }
}

const sizes = (new URLSearchParams(location.search).get('sizes') ?? '1000,10000,100000')
  .split(',')
  .map(Number);
const worker = new Worker(new URL('./bench-worker.ts', import.meta.url), { type: 'module' });
worker.onmessage = (e: MessageEvent<{ rows?: RecommendBenchRow[]; error?: string }>) => {
  window.__recommendBench = e.data;
};
worker.onerror = (e) => {
  window.__recommendBench = { error: e.message || 'the bench worker failed to load' };
};
worker.postMessage({ sizes });
