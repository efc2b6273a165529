import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';

/**
 * Builds a bench page and its module worker from `test/bench/<folder>` into a temp folder (app
 * mode, like the SDK: wasm files served by URL); returns the folder, for `ctx.serve`.
 */
export async function buildBenchPage(repoRoot: string, folder: string): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), `insitu-${folder}-bench-`));
  await build({
    configFile: false,
    root: join(repoRoot, 'test', 'bench', folder),
    base: './',
    logLevel: 'warn',
    build: { outDir: out, emptyOutDir: true, target: 'es2022', modulePreload: false },
    worker: { format: 'es' },
  });
  return out;
}
