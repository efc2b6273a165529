/**
 * Only http(s) URLs reach `href`/`src`: a catalog must not inject `javascript:` or `data:`.
 * Relative URLs resolve against `document.baseURI`, as the shop's own links do, so a
 * `<base href="/">` on a nested route (/shop/a/b/) still finds `img/sku-1.svg` at the root.
 */
export function safeUrl(url: string | undefined): string | undefined {
  if (url === undefined || url === '') return undefined;
  try {
    const parsed = new URL(url, document.baseURI);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}
