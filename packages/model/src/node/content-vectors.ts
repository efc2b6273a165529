/** What the catalog says about an item, for content-only vectors. */
export interface ContentItem {
  title?: string;
  categories?: readonly string[];
  brand?: string;
  tags?: readonly string[];
  description?: string;
}

function hash(s: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** Lower-cased word tokens; CJK text is split into characters so it still shares features. */
function tokens(text: string): string[] {
  const out: string[] = [];
  for (const m of text.toLowerCase().matchAll(/[\p{L}\p{N}]+/gu)) {
    const w = m[0];
    if (/\p{Script=Han}|\p{Script=Hiragana}|\p{Script=Katakana}|\p{Script=Hangul}/u.test(w)) {
      out.push(...w);
    } else if (w.length > 1) out.push(w);
  }
  return out;
}

/** Weighted features of one item: text terms, every category path prefix, brand and tags. */
export function features(item: ContentItem): Map<string, number> {
  const f = new Map<string, number>();
  const add = (key: string, w: number) => f.set(key, (f.get(key) ?? 0) + w);
  for (const t of tokens(`${item.title ?? ''} ${item.description ?? ''}`)) add(`w:${t}`, 1);
  const path: string[] = [];
  for (const c of item.categories ?? []) {
    path.push(c.toLowerCase());
    // Deeper categories are more specific, so they weigh more.
    add(`c:${path.join('>')}`, 1 + path.length);
  }
  if (item.brand) add(`b:${item.brand.toLowerCase()}`, 2);
  for (const t of item.tags ?? []) add(`t:${t.toLowerCase()}`, 1.5);
  return f;
}

/**
 * Content vectors for a cold-start shop: TF-IDF over hashed features (terms, categories, brand,
 * tags) projected to `dims` with a seeded sign projection, then L2-normalised, so items that share
 * rare terms or categories point the same way.
 */
export function contentVectors(
  items: readonly ContentItem[],
  dims: number,
  seed: number,
): Float32Array {
  const feats = items.map(features);
  const df = new Map<string, number>();
  for (const f of feats) for (const k of f.keys()) df.set(k, (df.get(k) ?? 0) + 1);
  const n = items.length;
  const out = new Float32Array(n * dims);
  feats.forEach((f, i) => {
    const row = out.subarray(i * dims, (i + 1) * dims);
    for (const [k, tf] of f) {
      const w = tf * Math.log(1 + n / (df.get(k) ?? 1));
      // Each feature adds ±w on a few hashed dimensions (a sparse random projection).
      for (let r = 0; r < 3; r++) {
        const h = hash(k, seed + r);
        row[h % dims]! += (h & 0x80000000 ? -1 : 1) * w;
      }
    }
    let norm = 0;
    for (const v of row) norm += v * v;
    norm = Math.sqrt(norm) || 1;
    for (let j = 0; j < dims; j++) row[j] = row[j]! / norm;
  });
  return out;
}
