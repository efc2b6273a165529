import type { CatalogItem } from '@insitu/core';
import { byId, h } from '../dom.ts';
import { track } from '../insitu.ts';
import { renderChrome, showFatal } from '../layout.ts';
import { productGrid } from '../product-card.ts';
import { renderRail } from '../rails.ts';
import { loadShop, type Shop } from '../shop-data.ts';

/** Plain substring search over title, brand, tags and categories: the shop's own search box. */
function search(shop: Shop, query: string): CatalogItem[] {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  return shop.items.filter((i) => {
    const text = [i.title, i.brand, ...i.tags, ...i.categories].join(' ').toLowerCase();
    return terms.every((t) => text.includes(t));
  });
}

function render(shop: Shop): void {
  const hash = decodeURIComponent(location.hash.slice(1));
  const query = hash.startsWith('q=') ? hash.slice(2) : undefined;
  const department = query
    ? undefined
    : (shop.departments.find((d) => d.slug === hash) ?? shop.departments[0]);
  const items = query !== undefined ? search(shop, query) : (department?.items ?? []);
  const title = query !== undefined ? `Results for “${query}”` : (department?.name ?? 'Shop');
  renderChrome(shop, department?.slug);
  const trending = h('section', { id: 'rail-trending' });
  byId('main').replaceChildren(
    h('h1', {}, title),
    h('p', { class: 'muted' }, `${items.length} products`),
    items.length ? productGrid(items) : h('p', {}, 'Nothing matches; try another word.'),
    trending,
  );
  document.title = `${title} · Harbor & Field`;
  window.scrollTo(0, 0);
  const products = items.slice(0, 100).map((i, position) => ({ product_id: i.id, position }));
  if (query !== undefined) {
    track('Products Searched', { query });
    track('Product List Viewed', { list_id: 'search', category: 'Search results', products });
  } else if (department) {
    track('Product List Viewed', { list_id: department.slug, category: department.name, products });
  }
  void renderRail(trending, {
    title: department ? `Trending in ${department.name}` : 'Trending',
    request: {
      strategy: 'trending',
      limit: 8,
      ...(department
        ? { context: { category: department.name }, filter: { categories: [department.name] } }
        : {}),
    },
    emptyNote: 'Trending products appear here.',
  });
}

async function main(): Promise<void> {
  const shop = await loadShop();
  render(shop);
  // Search and department links only change the hash: the page re-renders without reloading.
  window.addEventListener('hashchange', () => render(shop));
}

main().catch(showFatal);
