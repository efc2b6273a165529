import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Catalog } from '@insitu/core';
import { buildSnippet } from '../../packages/sdk/build/snippet-build.ts';
import { snippetTag } from '../../demo/snippet-plugin.ts';
import { demoDist } from '../../demo/scripts/prepare.mjs';

/** Audiences of the fixture shop: one every shopper is in, one nobody is. */
const AUDIENCES = [
  { id: 'everyone', all: [{ metric: 'intent', gte: 0 }] },
  { id: 'nobody', all: [{ metric: 'intent', gte: 2 }] },
];

/** The demo catalog with relative image and product URLs, as many shops write them. */
function relativeCatalog(): Catalog {
  const catalog = JSON.parse(
    readFileSync(join(demoDist, 'insitu', 'catalog.json'), 'utf8'),
  ) as Catalog;
  return {
    ...catalog,
    items: catalog.items.map((i) => ({
      ...i,
      image: i.image?.replace(/^\//, ''),
      url: `product.html#${i.id}`,
    })),
  };
}

/**
 * The third-party storefront: its whole UI in a shadow root (document CSS cannot reach the
 * widgets), the widgets inside it, and the content below them that a layout shift would move.
 * Plain JS, served as a file: the CSP page allows no inline script.
 */
const SHOP_APP = `
const sheet = new CSSStyleSheet();
sheet.replaceSync(':host{display:block;font-family:Georgia,serif;max-width:1200px;margin:0 auto;padding:0 16px}header{padding:12px 0;border-bottom:1px solid #ccc}');
customElements.define('shop-app', class extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    const root = this.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [sheet];
    root.innerHTML = \`
      <header><strong>Fixture shop</strong></header>
      <main><h1>A nested route with &lt;base href="/"&gt;</h1>
      <insitu-recommendations id="grid" strategy="trending" limit="8" layout="grid"><p>Our best sellers</p></insitu-recommendations>
      <p id="below">Content below the first widget: a layout shift would move this line.</p>
      <insitu-recommendations id="carousel" strategy="recently-viewed" limit="8" layout="carousel"><h2 slot="heading">Seen lately</h2><p>Nothing seen yet.</p></insitu-recommendations>
      <insitu-promo id="promo-yes" audience="everyone"><p class="promo">A promo for everyone</p></insitu-promo>
      <insitu-promo id="promo-no" audience="nobody"><p class="promo">A promo for nobody</p></insitu-promo>
      <insitu-profile id="profile"></insitu-profile></main>\`;
  }
});
`;

/** Records CSP violations from the first moment (a classic script, before any module runs). */
const CSP_LISTENER = `window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
`;

const CSP = "script-src 'self'; style-src 'self'; worker-src 'self'";

const html = (lang: string, head: string, body: string) =>
  `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">${head}</head><body>${body}</body></html>\n`;

/**
 * Writes the widget fixture pages into `dir`:
 * - `shop/a/b/index.html`: nested route, `<base href="/">`, relative catalog URLs, shadow-DOM shop;
 * - `e2e/csp.html`: the same widgets under a strict CSP (loader tag, no inline script or style);
 * - `e2e/zh.html`: `<html lang="zh-CN">` and config `language: 'zh'`.
 */
export async function writeWidgetFixtures(dir: string): Promise<void> {
  mkdirSync(join(dir, 'e2e'), { recursive: true });
  mkdirSync(join(dir, 'shop', 'a', 'b'), { recursive: true });
  writeFileSync(join(dir, 'e2e', 'catalog-relative.json'), JSON.stringify(relativeCatalog()));
  writeFileSync(join(dir, 'e2e', 'shop-app.js'), SHOP_APP);
  writeFileSync(join(dir, 'e2e', 'csp-listener.js'), CSP_LISTENER);
  const snippet = async (language: string) =>
    snippetTag(
      await buildSnippet({
        config: { catalog: '/e2e/catalog-relative.json', audiences: AUDIENCES, language },
      }),
    );
  // Relative to <base href="/">: these resolve at the site root from /shop/a/b/.
  const scripts =
    '<script type="module" src="insitu/widgets.js"></script><script type="module" src="e2e/shop-app.js"></script>';
  writeFileSync(
    join(dir, 'shop', 'a', 'b', 'index.html'),
    html(
      'en',
      `<base href="/"><title>Fixture shop</title>${await snippet('en')}${scripts}`,
      '<shop-app></shop-app>',
    ),
  );
  writeFileSync(
    join(dir, 'e2e', 'zh.html'),
    html(
      'zh-CN',
      `<base href="/"><title>商店</title>${await snippet('zh')}${scripts}`,
      '<shop-app></shop-app>',
    ),
  );
  // No <base> here, so the catalog with root-relative image paths (the demo's). The widgets tag
  // is the README's: `blocking="render"`, so the element in the HTML never paints before its
  // skeleton (the test measures CLS on this page too).
  const loader = `<script type="module" async src="/insitu/insitu.js" data-catalog="/insitu/catalog.json"></script>`;
  writeFileSync(
    join(dir, 'e2e', 'csp.html'),
    html(
      'en',
      `<meta http-equiv="Content-Security-Policy" content="${CSP}"><title>CSP shop</title><script src="/e2e/csp-listener.js"></script>${loader}<script type="module" blocking="render" src="/insitu/widgets.js"></script>`,
      '<main><h1>CSP shop</h1><insitu-recommendations strategy="trending" limit="4"><p>Our best sellers</p></insitu-recommendations><p>Content below the widget.</p></main>',
    ),
  );
}
