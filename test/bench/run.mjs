// `npm run bench` (after `npm run build`): bundle sizes, worker ready time, track() cost and
// IndexedDB ingest in headless Chromium, plus every test/bench/*-bench.ts module's sections.
// Writes bench-results/bench.json and bench-results/bench.md. Timings are reported, not asserted.
// BENCH_ONLY=track,ingest,round-trip runs only those sections (see main.ts), after a build.
import { register } from 'tsx/esm/api';

register();
const { runBench } = await import('./main.ts');
await runBench();
