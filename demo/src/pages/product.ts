import type { CatalogItem } from '@insitu/core';
import { addToCart, cartId } from '../cart-store.ts';
import { byId, h } from '../dom.ts';
import { track } from '../insitu.ts';
import { renderChrome, showFatal } from '../layout.ts';
import { renderRails } from '../rails.ts';
import { departmentOf, formatPrice, loadShop, productProps, type Shop } from '../shop-data.ts';

function reviewForm(item: CatalogItem): HTMLElement {
  const rating = h(
    'select',
    { name: 'rating', id: 'review-rating', 'aria-label': 'Rating' },
    [5, 4, 3, 2, 1].map((n) => h('option', { value: n }, '★'.repeat(n) + '☆'.repeat(5 - n))),
  );
  const body = h('textarea', {
    name: 'review',
    id: 'review-body',
    rows: 3,
    maxlength: 2000,
    placeholder: 'What did you think?',
  });
  const status = h('p', { class: 'muted', id: 'review-status' });
  const onSubmit = (e: Event) => {
    e.preventDefault();
    const text = body.value.trim();
    if (!text) return;
    track('Product Reviewed', {
      product_id: item.id,
      review_id: `rev-${Date.now().toString(36)}`,
      review_body: text,
      rating: Number(rating.value),
    });
    body.value = '';
    status.textContent = 'Thanks! Your review was recorded (the demo keeps it in your browser).';
  };
  return h(
    'form',
    { class: 'review-form', id: 'review-form', onsubmit: onSubmit },
    h('h2', {}, 'Write a review'),
    rating,
    body,
    h('button', { type: 'submit' }, 'Submit review'),
    status,
  );
}

function details(shop: Shop, item: CatalogItem): HTMLElement {
  const qty = h('input', {
    type: 'number',
    min: 1,
    max: 9,
    value: 1,
    id: 'qty',
    'aria-label': 'Quantity',
  });
  const added = h('span', { class: 'added', id: 'added-note' });
  const add = h(
    'button',
    { type: 'button', id: 'add-to-cart', class: 'primary', disabled: !item.inStock },
    item.inStock ? 'Add to cart' : 'Out of stock',
  );
  add.addEventListener('click', () => {
    const quantity = Math.max(1, Number(qty.value) || 1);
    addToCart(item.id, quantity);
    track('Product Added', productProps(item, { quantity, cart_id: cartId() }));
    added.textContent = `Added ${quantity} to your cart.`;
  });
  const dept = shop.departments.find((d) => d.slug === departmentOf(item));
  return h(
    'div',
    { class: 'product' },
    h('img', {
      class: 'product-image',
      src: item.image ?? '',
      alt: item.title,
      width: 400,
      height: 400,
    }),
    h(
      'div',
      { class: 'product-info' },
      h(
        'p',
        { class: 'crumbs' },
        h('a', { href: `/category.html#${dept?.slug ?? ''}` }, item.categories.join(' › ')),
      ),
      h('p', { class: 'card-brand' }, item.brand ?? ''),
      h('h1', { id: 'product-title' }, item.title),
      h('p', { class: 'price' }, formatPrice(item.price, item.currency ?? shop.currency)),
      h('p', {}, item.description ?? ''),
      h(
        'p',
        { class: 'chips' },
        item.tags.map((t) => h('span', { class: 'chip' }, t)),
      ),
      h('div', { class: 'buy' }, qty, add, added),
    ),
  );
}

function render(shop: Shop): void {
  const id = decodeURIComponent(location.hash.slice(1));
  const item = shop.byId.get(id) ?? shop.items[0];
  if (!item) throw new Error('The catalog is empty.');
  renderChrome(shop, departmentOf(item));
  const slots = {
    similar: h('section', { id: 'rail-similar' }),
    together: h('section', { id: 'rail-bought-together' }),
    recent: h('section', { id: 'rail-recently-viewed' }),
  };
  byId('main').replaceChildren(
    details(shop, item),
    slots.similar,
    slots.together,
    reviewForm(item),
    slots.recent,
  );
  document.title = `${item.title} · Harbor & Field`;
  window.scrollTo(0, 0);
  track('Product Viewed', productProps(item, { currency: item.currency ?? shop.currency }));
  void renderRails([
    [
      slots.similar,
      {
        title: 'Similar items',
        request: { strategy: 'similar-items', itemId: item.id, limit: 8 },
        emptyNote: 'Similar items appear here once the shop’s model runs on this device.',
        modelOnly: true,
      },
    ],
    [
      slots.together,
      {
        title: 'Bought together',
        request: { strategy: 'bought-together', itemId: item.id, limit: 8 },
        emptyNote:
          'Items often bought with this one appear here once the shop’s model runs on this device.',
        modelOnly: true,
      },
    ],
    [
      slots.recent,
      {
        title: 'Recently viewed',
        request: { strategy: 'recently-viewed', limit: 8, exclude: { ids: [item.id] } },
        emptyNote: 'Products you look at will appear here.',
      },
    ],
  ]);
}

async function main(): Promise<void> {
  const shop = await loadShop();
  render(shop);
  // Rails link to other products on this same page: only the hash changes.
  window.addEventListener('hashchange', () => render(shop));
}

main().catch(showFatal);
