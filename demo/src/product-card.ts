import type { CatalogItem } from '@insitu/core';
import { h } from './dom.ts';
import { formatPrice } from './shop-data.ts';

/** A product tile: image, brand, title, price; `note` is an optional line (e.g. an explanation). */
export function productCard(item: CatalogItem, note?: string, onClick?: () => void): HTMLElement {
  return h(
    'a',
    {
      class: 'card',
      href: item.url ?? `/product.html#${item.id}`,
      'data-product-id': item.id,
      onclick: onClick ? () => onClick() : undefined,
    },
    h('img', { src: item.image ?? '', alt: '', loading: 'lazy', width: 400, height: 400 }),
    h('span', { class: 'card-brand' }, item.brand ?? ''),
    h('span', { class: 'card-title' }, item.title),
    h(
      'span',
      { class: 'card-price' },
      formatPrice(item.price, item.currency),
      item.inStock ? null : h('em', { class: 'oos' }, ' · out of stock'),
    ),
    note ? h('span', { class: 'card-note' }, note) : null,
  );
}

/** A grid of product tiles. */
export function productGrid(items: CatalogItem[], onClick?: (item: CatalogItem) => void) {
  return h(
    'div',
    { class: 'grid' },
    items.map((i) => productCard(i, undefined, onClick ? () => onClick(i) : undefined)),
  );
}
