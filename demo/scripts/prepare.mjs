// Everything the demo needs before it can be served, in order. Used by `npm run demo`, the e2e
// tests and the bench, so all three serve the same files.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The built demo site (vite build output), ready for a static server. */
export const demoDist = join(repoRoot, 'demo', 'dist');
const sdkDist = join(repoRoot, 'packages', 'sdk', 'dist');

const node = (args, opts = {}) =>
  execFileSync(process.execPath, args, { cwd: repoRoot, stdio: 'inherit', ...opts });

/** Builds the SDK (root `vite build`): snippet, loader, runtime and worker in packages/sdk/dist. */
export function buildSdk() {
  console.log('demo: building the SDK (vite build)');
  node(['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn']);
}

/** True when the SDK's files the demo pastes and loads exist. */
export const sdkBuilt = () =>
  existsSync(join(sdkDist, 'snippet.min.js')) && existsSync(join(sdkDist, 'insitu.js'));

/**
 * MODEL STEP (issue 4): historical logs from the persona simulator → `insitu build` → the model
 * artifact in demo/public/generated/insitu/model/. Runs when both the simulator and the CLI's build
 * command exist; until then the demo serves the recently-viewed and trending strategies only.
 */
export function buildModel() {
  const script = join(repoRoot, 'demo', 'scripts', 'build-model.ts');
  const ready =
    existsSync(script) &&
    existsSync(join(repoRoot, 'packages', 'cli', 'src', 'commands', 'build.ts')) &&
    existsSync(join(repoRoot, 'test', 'personas', 'index.ts'));
  if (!ready) {
    console.log('demo: model step skipped (persona simulator or `insitu build` not available yet)');
    return false;
  }
  console.log('demo: building the model artifact (persona logs → insitu build)');
  try {
    node(['--import', 'tsx', script]);
    return true;
  } catch {
    // The model is optional: without it the demo serves its fallback strategies.
    console.warn('demo: model step failed; serving without a model artifact');
    return false;
  }
}

/** Generates the catalog and images, copies the SDK, builds the model when possible, builds the site. */
export function prepareDemo({ model = true } = {}) {
  if (!sdkBuilt()) buildSdk();
  console.log('demo: generating the catalog and product images');
  node(['--import', 'tsx', join(repoRoot, 'demo', 'scripts', 'generate.ts')]);
  if (model) buildModel();
  console.log('demo: building the storefront');
  node([
    'node_modules/vite/bin/vite.js',
    'build',
    '--config',
    'demo/vite.config.ts',
    '--logLevel',
    'warn',
  ]);
}
