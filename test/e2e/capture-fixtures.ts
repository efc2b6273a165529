// Fixture pages of the capture specs: a single-page shop, a GA4 dataLayer page, a page running a
// Segment analytics.js look-alike, a page under a strict CSP, and a consent-required page. Each
// pastes a snippet made by the SDK's own snippet builder with the `capture` config a shop writes.
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSnippet } from '../../packages/sdk/build/snippet-build.ts';

const STATIC = join(import.meta.dirname, 'fixtures');

/** The SPA shop's routes, as a shop writes them in its snippet config. */
export const SPA_ROUTES = [
  {
    path: '/shop/detail/:category/:id',
    event: 'Product Viewed',
    product: 'id',
    category: 'category',
  },
  { path: '/shop/list/:category', event: 'Product List Viewed', category: 'category' },
  { path: '/shop/cart', event: 'Cart Viewed' },
];

/** The SPA shop's catalog: also what insitu's worker loads (`catalog: '/spa/catalog.json'`). */
export const SPA_ITEMS = [
  ...['Anorak', 'Parka', 'Rain Shell', 'Down Vest', 'Fleece', 'Field Jacket'].map((t, i) => ({
    id: `mens-${i + 1}`,
    title: `Men's ${t}`,
    categories: ['mens_outerwear'],
    brand: 'Northwind',
    price: 49 + i * 20,
  })),
  ...['Trench', 'Puffer', 'Windbreaker', 'Wool Coat'].map((t, i) => ({
    id: `ladies-${i + 1}`,
    title: `Ladies' ${t}`,
    categories: ['ladies_outerwear'],
    brand: 'Northwind',
    price: 59 + i * 25,
  })),
].map((item, i) => ({
  ...item,
  currency: 'EUR',
  // Relative: resolved against <base href="/"> on every route.
  image: `spa/images/${item.id}.svg`,
  description: 'Water-repellent shell, taped seams, two zip pockets.',
  hue: (i * 37) % 360,
}));

const jacket = (hue: number) =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200"><rect width="200" height="200" fill="hsl(${hue} 30% 94%)"/>` +
  `<path d="M70 40 L100 52 L130 40 L165 70 L150 95 L140 88 L140 165 L60 165 L60 88 L50 95 L35 70 Z" fill="hsl(${hue} 45% 42%)"/>` +
  `<path d="M100 52 L100 165" stroke="hsl(${hue} 45% 25%)" stroke-width="3"/></svg>`;

const html = (head: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>insitu capture fixture</title>${head}</head><body>${body}</body></html>\n`;

const snippetFor = (config: Record<string, unknown>) => buildSnippet({ config });

/** GA4 pushes a shop makes; `before` ones run before insitu's snippet, the rest later. */
const GA4_BEFORE = `
  window.dataLayer = window.dataLayer || [];
  function gtag() { dataLayer.push(arguments); }
  gtag('js', new Date());
  gtag('config', 'G-TEST');
  dataLayer.push({ ecommerce: null });
  dataLayer.push({ event: 'view_item_list', ecommerce: { item_list_id: 'mens_outerwear', item_list_name: 'Men', items: [
    { item_id: 'mens-1', item_name: "Men's Anorak", index: 0, price: 49 }, { item_id: 'mens-2', index: 1, price: 69 } ] } });
  gtag('event', 'view_item', { currency: 'EUR', value: 49, items: [{ item_id: 'mens-1', item_name: "Men's Anorak", item_brand: 'Northwind', item_category: 'mens_outerwear', price: '49.00', quantity: 1 }] });
`;

/** An analytics.js snippet look-alike: the array stub with its queued calls (a third party's page). */
const SEGMENT_STUB = `(function () {
  var analytics = (window.analytics = window.analytics || []);
  analytics.invoked = true;
  analytics.methods = ['track', 'page', 'identify', 'ready'];
  analytics.factory = function (method) {
    return function () {
      var args = Array.prototype.slice.call(arguments);
      args.unshift(method);
      // As the real snippet does: the page's context rides along with buffered calls.
      args.push({ __t: 'bpc', p: location.pathname, u: location.href, t: document.title });
      analytics.push(args);
      return analytics;
    };
  };
  analytics.methods.forEach(function (m) { analytics[m] = analytics.factory(m); });
  window.queuedProps = { product_id: 'mens-3', name: "Men's Rain Shell", price: 89 };
  analytics.page();
  analytics.track('Product Viewed', window.queuedProps);
  analytics.identify('user-1', { email: 'shopper@example.test' });
  analytics.track('Signed Up', { email: 'shopper@example.test' });
  analytics.page('Shop', 'Detail', { product_id: 'mens-4', path: '/shop/detail/mens_outerwear/mens-4' });
})();`;

/** Writes the capture fixtures into `dir` (served at the root next to the built demo). */
export async function writeCaptureFixtures(dir: string): Promise<void> {
  cpSync(STATIC, dir, { recursive: true });
  mkdirSync(join(dir, 'spa', 'images'), { recursive: true });
  for (const item of SPA_ITEMS)
    writeFileSync(join(dir, 'spa', 'images', `${item.id}.svg`), jacket(item.hue));
  const items = SPA_ITEMS.map(({ hue: _hue, ...item }) => item);
  writeFileSync(
    join(dir, 'spa', 'catalog.json'),
    JSON.stringify({ version: 'e2e', currency: 'EUR', items }),
  );

  // The SPA: one document served at each route a shopper may load in full.
  const spa = html(
    `<base href="/"><script>${await snippetFor({ catalog: '/spa/catalog.json', dbName: 'spa', capture: { routes: SPA_ROUTES } })}</script>` +
      `<script type="module" src="spa/app.js"></script>`,
    '<shop-app></shop-app>',
  );
  const routes = [
    '',
    'list/mens_outerwear',
    'list/ladies_outerwear',
    'cart',
    ...SPA_ITEMS.map((i) => `detail/${i.categories[0]}/${i.id}`),
  ];
  for (const route of routes) {
    mkdirSync(join(dir, 'shop', route), { recursive: true });
    writeFileSync(join(dir, 'shop', route, 'index.html'), spa);
  }

  mkdirSync(join(dir, 'capture'), { recursive: true });
  const ga4Config = { catalog: '/spa/catalog.json', dbName: 'ga4', capture: { dataLayer: true } };
  writeFileSync(
    join(dir, 'capture', 'ga4.html'),
    html(
      `<script>${GA4_BEFORE}</script><script>${await snippetFor(ga4Config)}</script>`,
      '<p>GA4 shop</p>',
    ),
  );
  const segmentConfig = {
    catalog: '/spa/catalog.json',
    dbName: 'segment',
    capture: { segment: true },
  };
  writeFileSync(
    join(dir, 'capture', 'segment.html'),
    html(
      `<script>${SEGMENT_STUB}</script><script>${await snippetFor(segmentConfig)}</script>`,
      '<p>Segment shop</p>',
    ),
  );

  // Strict CSP: only same-origin scripts and the nonced inline ones; no eval, no inline styles.
  const nonce = 'e2e-nonce-8f3a';
  const csp = `script-src 'self' 'nonce-${nonce}'; style-src 'self'; worker-src 'self'`;
  const cspConfig = {
    catalog: '/spa/catalog.json',
    dbName: 'csp',
    capture: {
      dataLayer: true,
      // The second route is wrong on purpose: reported through on('error'), the first still runs.
      routes: [
        { path: '/capture/:page', event: 'Page Seen', list: 'page' },
        { path: 'capture/:page', event: 'Page Seen' },
      ],
    },
  };
  writeFileSync(
    join(dir, 'capture', 'csp.html'),
    html(
      `<meta http-equiv="Content-Security-Policy" content="${csp}">` +
        `<script nonce="${nonce}">window.violations = []; addEventListener('securitypolicyviolation', (e) => violations.push({ directive: e.violatedDirective, blocked: e.blockedURI, source: e.sourceFile, line: e.lineNumber, sample: e.sample }));${GA4_BEFORE}</script>` +
        `<script nonce="${nonce}">${await snippetFor(cspConfig)}</script>` +
        `<script nonce="${nonce}">window.insituErrors = []; insitu.on('error', (e) => insituErrors.push({ code: e.code, field: e.field }));</script>`,
      '<p>Strict CSP shop</p>',
    ),
  );

  const consentConfig = {
    catalog: '/spa/catalog.json',
    dbName: 'capture-consent',
    consent: 'required',
    capture: { dataLayer: true },
  };
  writeFileSync(
    join(dir, 'capture', 'consent.html'),
    html(
      `<script>${GA4_BEFORE}</script><script>${await snippetFor(consentConfig)}</script>`,
      '<p>Opt-in shop</p>',
    ),
  );
}
