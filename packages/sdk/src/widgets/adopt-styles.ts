const sheets = new Map<string, CSSStyleSheet>();

/**
 * Gives a shadow root its styles as a constructable stylesheet: a strict CSP (`style-src 'self'`,
 * no `unsafe-inline`) blocks `<style>` elements and style attributes, but not `adoptedStyleSheets`.
 * One sheet per CSS text, shared by every element of that kind on the page.
 */
export function adoptStyles(root: ShadowRoot, css: string): void {
  let sheet = sheets.get(css);
  if (sheet === undefined) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    sheets.set(css, sheet);
  }
  root.adoptedStyleSheets = [sheet];
}
