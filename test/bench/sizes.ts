import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BenchSection } from './bench-types.ts';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** Raw and gzipped size of every file the SDK build wrote (gzip level 9, as a CDN would). */
export function bundleSizes(dist: string): BenchSection {
  const rows = files(dist)
    .filter((f) => /\.(js|mjs|wasm|css|json)$/.test(f))
    .sort()
    .map((f) => {
      const bytes = readFileSync(f);
      return {
        file: relative(dist, f),
        bytes: bytes.length,
        'gzip bytes': gzipSync(bytes, { level: 9 }).length,
      };
    });
  return {
    title: 'Bundle sizes (packages/sdk/dist)',
    rows,
    notes: [
      'Budgets (snippet ≤ 1 KB gzip, main-thread client ≤ 5 KB gzip) are checked by `npm run build`.',
    ],
  };
}
