import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoDist, repoRoot } from '../../demo/scripts/prepare.mjs';
import { serveStatic } from '../../demo/scripts/static-server.mjs';
import { writeFixtures } from './fixtures.ts';
import { startBrowser } from './harness.ts';
import { specs } from './specs/index.ts';

/** Runs the specs against the built demo; returns the number of failures. */
export async function runE2E(filter?: string): Promise<number> {
  const fixtures = mkdtempSync(join(tmpdir(), 'insitu-fixtures-'));
  await writeFixtures(fixtures);
  const artifacts = join(repoRoot, 'test-results', 'e2e');
  mkdirSync(artifacts, { recursive: true });
  const server = await serveStatic({ roots: [demoDist, fixtures] });
  const browser = await startBrowser(server.url, artifacts);
  let passed = 0;
  let failed = 0;
  try {
    for (const spec of specs.filter((s) => !filter || s.name.includes(filter))) {
      const skipped = spec.skip?.();
      if (skipped) {
        console.log(`  - ${spec.name} (skipped: ${skipped})`);
        continue;
      }
      const start = performance.now();
      try {
        await spec.run(browser.ctx);
        passed++;
        console.log(`  ✓ ${spec.name} (${Math.round(performance.now() - start)} ms)`);
      } catch (error) {
        failed++;
        console.log(`  ✗ ${spec.name} (${Math.round(performance.now() - start)} ms)`);
        console.log(
          String(error instanceof Error ? (error.stack ?? error.message) : error).replace(
            /^/gm,
            '      ',
          ),
        );
      }
    }
  } finally {
    await browser.close();
    await server.close();
    rmSync(fixtures, { recursive: true, force: true });
  }
  console.log(`\nscreenshots: ${artifacts}`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed;
}
