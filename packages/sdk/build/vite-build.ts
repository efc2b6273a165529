// The SDK's build, merged into the root vite.config.ts: `vite build` writes packages/sdk/dist.
import { fileURLToPath } from 'node:url';
import type { UserConfig } from 'vite';
import { noPreloadPlugin } from './no-preload-plugin.ts';
import { NOTICES_BANNER, noticesPlugin } from './notices-plugin.ts';
import { snippetPlugin } from './snippet-build.ts';

const sdk = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));

/**
 * App-mode build (library mode would inline the worker and, later, tfjs's wasm as base64):
 * - `insitu.js`: the script-tag runtime (reads data-* attributes, replays the snippet queue);
 * - `index.js`: ESM `createInsitu` for bundler users;
 * - `widgets.js`: the `<insitu-recommendations>` element (uses `window.insitu`, shares no code);
 * - `insitu-worker.js`: the worker, a separate file found via `new URL(..., import.meta.url)`;
 * - `snippet.min.js`: the snippet to paste; `chunks/`: code shared by the entries, and the lazy
 *   `capture-*.js` (routes, dataLayer, Segment), loaded only when `capture` is configured.
 */
export const sdkBuild: Pick<UserConfig, 'base' | 'build' | 'worker' | 'plugins'> = {
  // Relative URLs: the shop may serve dist/ from any folder.
  base: './',
  plugins: [snippetPlugin(), noPreloadPlugin()],
  build: {
    outDir: sdk('dist'),
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: false,
    rolldownOptions: {
      input: {
        insitu: sdk('src/main/auto.ts'),
        index: sdk('src/main/index.ts'),
        widgets: sdk('src/widgets/index.ts'),
      },
      preserveEntrySignatures: 'exports-only',
      output: {
        entryFileNames: '[name].js',
        // The lazy capture chunk is named for its budget (chunks/capture-*.js), not "index".
        chunkFileNames: (chunk) =>
          chunk.facadeModuleId?.includes('/main/capture/') === true
            ? 'chunks/capture-[hash].js'
            : 'chunks/[name]-[hash].js',
        assetFileNames: 'assets/[name]-[hash][extname]',
      },
    },
  },
  worker: {
    format: 'es',
    plugins: () => [noticesPlugin()],
    rolldownOptions: {
      output: {
        // One notices file instead of tfjs's licence header repeated per source file.
        comments: { legal: false },
        postBanner: NOTICES_BANNER,
        entryFileNames: 'insitu-worker.js',
        chunkFileNames: 'chunks/[name]-[hash].js',
      },
    },
  },
};
