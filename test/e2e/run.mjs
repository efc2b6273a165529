// `npm run test:e2e`: builds the demo (and the SDK if it is not built), serves the built files with
// a static server on 127.0.0.1, and runs the Playwright specs in Debian's Chromium.
// Usage: node test/e2e/run.mjs [name filter]. Ends with "N passed, N failed".
import { register } from 'tsx/esm/api';
import { prepareDemo } from '../../demo/scripts/prepare.mjs';

let failed;
try {
  // The demo's model step (persona logs → insitu build, cached while its inputs are unchanged)
  // feeds the model-rails spec; E2E_MODEL=0 skips both.
  prepareDemo({ model: process.env.E2E_MODEL !== '0' });
  register();
  const { runE2E } = await import('./main.ts');
  failed = await runE2E(process.argv[2]);
} catch (error) {
  // Set-up failed (build, server, browser launch): say so in the same closing format.
  console.error(error);
  console.log('0 passed, 1 failed');
  failed = 1;
}
process.exit(failed > 0 ? 1 : 0);
