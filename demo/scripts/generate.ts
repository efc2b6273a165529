// Writes the demo shop's generated files into demo/public/generated (gitignored), served at the
// site root: /insitu/catalog.json, /insitu/<SDK files>, /images/<id>.svg. Same seed, same files.
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateCatalog } from '@insitu/core';
import { generateDemoCatalog } from './generate-catalog.ts';
import { productSvg, SUBCATEGORY_ICONS } from './product-image.ts';
import { DEPARTMENTS } from './taxonomy.ts';

const demoDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Where every generated file goes; Vite's publicDir for the demo. */
export const generatedDir = join(demoDir, 'public', 'generated');
const sdkDist = resolve(demoDir, '..', 'packages', 'sdk', 'dist');

/** Catalog + images; returns the number of products. */
export function writeCatalog(seed = 42): number {
  const catalog = validateCatalog(generateDemoCatalog({ seed, imageBase: '/images/' }));
  const insituDir = join(generatedDir, 'insitu');
  const imageDir = join(generatedDir, 'images');
  rmSync(imageDir, { recursive: true, force: true });
  mkdirSync(insituDir, { recursive: true });
  mkdirSync(imageDir, { recursive: true });
  writeFileSync(join(insituDir, 'catalog.json'), JSON.stringify(catalog));
  const bySlugName = new Map(DEPARTMENTS.map((d) => [d.name, d]));
  for (const item of catalog.items) {
    const d = bySlugName.get(item.categories[1] ?? '');
    writeFileSync(
      join(imageDir, `${item.id}.svg`),
      productSvg(
        item.id,
        SUBCATEGORY_ICONS[item.categories[2] ?? ''] ?? d?.icon ?? 'dice',
        d?.hue ?? 200,
      ),
    );
  }
  writeFileSync(join(generatedDir, 'favicon.svg'), productSvg('insitu', 'plant', 150));
  return catalog.items.length;
}

/**
 * Copies the built SDK (packages/sdk/dist) next to the catalog, as a shop would host the files.
 * Returns false when the SDK has not been built yet.
 */
export function copySdk(): boolean {
  if (!existsSync(sdkDist)) return false;
  const insituDir = join(generatedDir, 'insitu');
  mkdirSync(insituDir, { recursive: true });
  // Hashed chunk names change between builds: drop the previous SDK copy, keep the shop's data.
  for (const name of readdirSync(insituDir)) {
    if (name !== 'catalog.json' && name !== 'model')
      rmSync(join(insituDir, name), { recursive: true });
  }
  cpSync(sdkDist, insituDir, { recursive: true });
  return true;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const n = writeCatalog();
  const sdk = copySdk();
  console.log(`demo data: ${n} products, images and catalog in ${generatedDir}`);
  if (!sdk) console.warn('demo data: packages/sdk/dist is missing; run `vite build` first');
}
