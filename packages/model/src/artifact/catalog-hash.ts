import type { Catalog } from '@insitu/core';

/**
 * A short fingerprint of what the model depends on in the catalog: the item ids in order. The
 * worker compares it with the artifact's to detect a model built for another catalog.
 */
export function catalogHash(catalog: Pick<Catalog, 'items'> | readonly string[]): string {
  const ids = Array.isArray(catalog) ? catalog : (catalog as Catalog).items.map((i) => i.id);
  // FNV-1a, 2 × 32 bits with different offsets: cheap, stable across platforms, no crypto API needed.
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (const id of ids) {
    for (let i = 0; i <= id.length; i++) {
      const c = i === id.length ? 0x1f : id.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193) >>> 0;
      b = Math.imul(b ^ c, 0x01000193 + 2) >>> 0;
    }
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}
