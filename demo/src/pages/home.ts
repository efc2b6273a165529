import { byId, h } from '../dom.ts';
import { track } from '../insitu.ts';
import { renderChrome, showFatal } from '../layout.ts';
import { productGrid } from '../product-card.ts';
import { promoBanners } from '../promo-banner.ts';
import { renderRails } from '../rails.ts';
import { loadShop, type Shop } from '../shop-data.ts';

function departmentTiles(shop: Shop): HTMLElement {
  return h(
    'div',
    { class: 'tiles' },
    shop.departments.map((d) =>
      h(
        'a',
        { class: 'tile', href: `/category.html#${d.slug}` },
        h('img', { src: d.items[0]?.image ?? '', alt: '', width: 96, height: 96 }),
        h('span', {}, d.name),
      ),
    ),
  );
}

async function main(): Promise<void> {
  const shop = await loadShop();
  renderChrome(shop);
  // Two picks per department, so the first screen shows the whole range.
  const featured = shop.departments.flatMap((d) => d.items.slice(0, 2));
  const slots = {
    promo: promoBanners(),
    recent: h('section', { id: 'rail-recently-viewed' }),
    forYou: h('section', { id: 'rail-for-you' }),
    // The SDK's own element, as a shop would paste it: its own look, in the shop's colours
    // through the --insitu-* properties set in styles.css.
    trending: h('insitu-recommendations' as 'div', {
      id: 'widget-trending',
      strategy: 'trending',
      layout: 'carousel',
      limit: '10',
      heading: 'Trending',
    }),
  };
  byId('main').replaceChildren(
    h(
      'section',
      { class: 'hero' },
      h('h1', {}, 'Gear for the things you love'),
      h(
        'p',
        {},
        'Recommendations on this site are computed in your browser. ',
        'Open “On this device” to see exactly what is kept, export it or erase it.',
      ),
    ),
    slots.promo,
    slots.recent,
    slots.forYou,
    h('h2', {}, 'Shop by department'),
    departmentTiles(shop),
    slots.trending,
    h('h2', {}, 'Featured'),
    productGrid(featured),
  );
  track('Product List Viewed', {
    list_id: 'home-featured',
    category: 'Featured',
    products: featured.map((i, position) => ({ product_id: i.id, position })),
  });
  await Promise.all([
    renderRails([
      [
        slots.recent,
        {
          title: 'Recently viewed',
          request: { strategy: 'recently-viewed', limit: 8 },
          emptyNote: 'Products you look at will appear here — remembered only by this browser.',
        },
      ],
      [
        slots.forYou,
        {
          title: 'For you',
          request: { strategy: 'for-you', limit: 8 },
          emptyNote: 'Personal picks appear here once the shop’s model runs on this device.',
        },
      ],
    ]),
  ]);
}

main().catch(showFatal);
