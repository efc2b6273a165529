// Gzipped size of every SDK bundle, checked against the budgets in packages/sdk/package.json
// ("sizeLimits"). An entry's size includes the chunks it imports statically, because the browser
// must fetch them before it runs; dynamic imports (the lazy tfjs chunk) are not counted.
// With --artifact DIR it checks a model artifact (`insitu build --out DIR`) instead, against
// "artifactLimit" in packages/model/package.json: gzipped bytes per 10k items (at least 10k).
// Usage: node scripts/check-size.mjs [--json] [--artifact DIR]   (exit code 1 when over budget)
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const sdk = 'packages/sdk';
const dist = join(sdk, 'dist');
const { sizeLimits } = JSON.parse(readFileSync(join(sdk, 'package.json'), 'utf8'));

const files = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
const gz = (path) => gzipSync(readFileSync(path), { level: 9 }).length;

const artifactAt = process.argv.indexOf('--artifact');
if (artifactAt >= 0) {
  const dir = process.argv[artifactAt + 1] ?? '';
  const { artifactLimit } = JSON.parse(readFileSync('packages/model/package.json', 'utf8'));
  const { itemCount } = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const rows = files(dir).map((f) => ({ file: relative(dir, f), gzip: gz(f) }));
  const gzip = rows.reduce((sum, r) => sum + r.gzip, 0);
  const limit = Math.round((artifactLimit.gzipPer10kItems * Math.max(10_000, itemCount)) / 1e4);
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify({ files: rows, itemCount, gzip, limit }, null, 2));
  } else {
    console.table(rows);
    console.log(`Artifact, ${itemCount} items: ${gzip} B gzipped, budget ${limit} B.`);
  }
  if (gzip > limit) console.error(`check-size: the artifact is ${gzip} B, over its ${limit} B.`);
  process.exit(gzip > limit ? 1 : 0);
}

/** The file plus every chunk reached through static `import ... from "./x.js"` / `import "./x.js"`. */
function closure(path, seen = new Set()) {
  if (seen.has(path)) return seen;
  seen.add(path);
  if (!path.endsWith('.js')) return seen;
  const code = readFileSync(path, 'utf8');
  for (const m of code.matchAll(/(?:\bfrom\s*|\bimport\s*)["'`](\.{1,2}\/[^"'`]+)["'`]/g)) {
    closure(join(dirname(path), m[1]), seen);
  }
  return seen;
}

let all;
try {
  all = files(dist).filter((f) => /\.(js|wasm|json)$/.test(f));
} catch {
  console.error(`check-size: ${dist} is missing; run \`vite build\` first.`);
  process.exit(1);
}
/** The bundle file an entry names; a `*` matches a content hash (chunks/tf-backends-*.js). */
function resolveEntry(entry, budget) {
  const pattern = new RegExp(`^${entry.replace(/[.]/g, '\\.').replace('*', '[^/]+')}$`);
  const file = all.find((f) => pattern.test(relative(dist, f)));
  if (file === undefined) {
    console.error(`check-size: no bundle matches "${entry}" (budget "${budget}").`);
    process.exit(1);
  }
  return file;
}

const bundles = all.map((f) => ({ file: relative(dist, f), bytes: statSync(f).size, gzip: gz(f) }));
const budgets = Object.entries(sizeLimits)
  .filter(([name]) => name !== '//')
  .map(([name, { entry, limit, after }]) => {
    const file = resolveEntry(entry, name);
    // `after`: an entry already loaded when this lazy chunk is imported; its chunks are not counted.
    const loaded = after === undefined ? new Set() : closure(resolveEntry(after, name));
    const chunks = [...closure(file)].filter((f) => !loaded.has(f));
    const gzip = chunks.reduce((sum, f) => sum + gz(f), 0);
    return {
      name,
      entry,
      chunks: chunks.map((f) => relative(dist, f)),
      gzip,
      limit,
      ok: gzip <= limit,
    };
  });

if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ bundles, budgets }, null, 2));
} else {
  const kb = (n) => `${(n / 1024).toFixed(2)} KB`;
  console.log('\nBundles (packages/sdk/dist)');
  console.table(bundles.map((b) => ({ file: b.file, raw: kb(b.bytes), gzip: kb(b.gzip) })));
  console.log('Budgets (entry + static imports, gzip)');
  console.table(
    budgets.map((b) => ({
      budget: b.name,
      entry: b.entry,
      gzip: `${b.gzip} B`,
      limit: `${b.limit} B`,
      result: b.ok ? 'ok' : 'OVER',
    })),
  );
}
const over = budgets.filter((b) => !b.ok);
for (const b of over)
  console.error(`check-size: ${b.name} is ${b.gzip} B gzipped, over its ${b.limit} B budget.`);
process.exit(over.length > 0 ? 1 : 0);
