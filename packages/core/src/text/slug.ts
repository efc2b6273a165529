/**
 * A name reduced to what a person would call the same: case, accents, apostrophes and the
 * separators shops put in URLs and ids ignored. "Men's Outerwear", "mens_outerwear" and
 * "MENS-OUTERWEAR" share the slug `mens-outerwear`; "Home & Office" and "home-office" share theirs.
 */
export function slugOf(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}
