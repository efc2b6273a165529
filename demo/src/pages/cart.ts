import type { CatalogItem } from '@insitu/core';
import { cartId, clearCart, readCart, removeFromCart, type CartLine } from '../cart-store.ts';
import { byId, h } from '../dom.ts';
import { track } from '../insitu.ts';
import { renderChrome, showFatal } from '../layout.ts';
import { productCard } from '../product-card.ts';
import { renderRails } from '../rails.ts';
import { formatPrice, loadShop, productProps, type Shop } from '../shop-data.ts';

interface Line {
  item: CatalogItem;
  quantity: number;
}

function lines(shop: Shop): Line[] {
  return readCart().flatMap((l: CartLine) => {
    const item = shop.byId.get(l.id);
    return item ? [{ item, quantity: l.quantity }] : [];
  });
}

const total = (ls: Line[]) =>
  Math.round(ls.reduce((s, l) => s + (l.item.price ?? 0) * l.quantity, 0) * 100) / 100;
const products = (ls: Line[]) =>
  ls.map((l, position) => productProps(l.item, { quantity: l.quantity, position }));

function checkout(shop: Shop, ls: Line[], box: HTMLElement): void {
  const value = total(ls);
  const orderId = `order-${Date.now().toString(36)}`;
  track('Checkout Started', {
    order_id: orderId,
    value,
    revenue: value,
    currency: shop.currency,
    products: products(ls),
  });
  const place = h(
    'button',
    { type: 'button', class: 'primary', id: 'place-order' },
    `Place order · ${formatPrice(value, shop.currency)}`,
  );
  place.addEventListener('click', () => {
    track('Order Completed', {
      order_id: orderId,
      checkout_id: cartId(),
      total: value,
      revenue: value,
      currency: shop.currency,
      products: products(ls),
    });
    clearCart();
    byId('main').replaceChildren(
      h('h1', {}, 'Thank you!'),
      h('p', { id: 'order-done' }, `Order ${orderId} is on its way (not really — this is a demo).`),
      h('p', {}, h('a', { href: '/' }, 'Back to the shop')),
    );
  });
  box.replaceChildren(
    h('h2', {}, 'Checkout'),
    h('p', { class: 'muted' }, 'Demo checkout: no payment, no address, nothing is sent anywhere.'),
    place,
  );
}

function render(shop: Shop): void {
  const ls = lines(shop);
  const summary = h('div', { class: 'checkout', id: 'checkout' });
  const list = ls.map((l) => {
    const remove = h(
      'button',
      { type: 'button', class: 'link', 'data-remove': l.item.id },
      'Remove',
    );
    remove.addEventListener('click', () => {
      removeFromCart(l.item.id);
      track('Product Removed', productProps(l.item, { quantity: l.quantity, cart_id: cartId() }));
      render(shop);
    });
    return h(
      'li',
      { class: 'cart-line' },
      productCard(l.item),
      h('span', {}, `× ${l.quantity}`),
      h('span', { class: 'price' }, formatPrice((l.item.price ?? 0) * l.quantity, shop.currency)),
      remove,
    );
  });
  const start = h('button', { type: 'button', class: 'primary', id: 'start-checkout' }, 'Checkout');
  start.addEventListener('click', () => checkout(shop, ls, summary));
  summary.append(
    h('p', { class: 'total' }, 'Total ', h('strong', {}, formatPrice(total(ls), shop.currency))),
    start,
  );
  const slots = {
    complete: h('section', { id: 'rail-complete-order' }),
    trending: h('section', { id: 'rail-trending' }),
  };
  const contents = ls.length
    ? [h('ul', { class: 'cart-lines' }, list), summary]
    : [h('p', { id: 'cart-empty' }, 'Your cart is empty.')];
  byId('main').replaceChildren(
    h('h1', {}, 'Your cart'),
    ...contents,
    slots.complete,
    slots.trending,
  );
  const last = ls[ls.length - 1];
  void renderRails([
    [
      slots.complete,
      {
        title: 'Complete your order',
        request: {
          strategy: 'bought-together',
          limit: 8,
          ...(last ? { itemId: last.item.id } : {}),
        },
        emptyNote:
          'Items that go with your cart appear here once the shop’s model runs on this device.',
        modelOnly: true,
      },
    ],
    [
      slots.trending,
      {
        title: 'Trending',
        request: { strategy: 'trending', limit: 8 },
        emptyNote: 'Trending products appear here.',
      },
    ],
  ]);
}

async function main(): Promise<void> {
  const shop = await loadShop();
  renderChrome(shop);
  render(shop);
  const ls = lines(shop);
  track('Cart Viewed', { cart_id: cartId(), products: products(ls) });
}

main().catch(showFatal);
