import { byId, h } from './dom.ts';
import { cartCount } from './cart-store.ts';
import { mountDevicePanel } from './device-panel.ts';
import type { Shop } from './shop-data.ts';

/** The shop's name; the demo is a plain storefront with insitu pasted in. */
export const SHOP_NAME = 'Harbor & Field';

function cartLink(): HTMLElement {
  const badge = h('span', { class: 'cart-count', id: 'cart-count' }, String(cartCount()));
  window.addEventListener('cart-changed', () => (badge.textContent = String(cartCount())));
  return h('a', { class: 'cart-link', href: '/cart.html' }, 'Cart ', badge);
}

function searchForm(): HTMLElement {
  const input = h('input', {
    type: 'search',
    name: 'q',
    placeholder: 'Search products…',
    'aria-label': 'Search products',
    id: 'search-input',
  });
  // The query travels in the hash so it never reaches the server (nor its logs).
  const onSubmit = (e: Event) => {
    e.preventDefault();
    const q = input.value.trim();
    if (q) location.assign(`/category.html#q=${encodeURIComponent(q)}`);
  };
  return h('form', { class: 'search', role: 'search', onsubmit: onSubmit }, input);
}

/** Header with departments, footer, and the "on this device" panel: the same on every page. */
export function renderChrome(shop: Shop, current?: string): void {
  const nav = h(
    'nav',
    { class: 'departments' },
    shop.departments.map((d) =>
      h(
        'a',
        { href: `/category.html#${d.slug}`, class: d.slug === current ? 'active' : undefined },
        d.name,
      ),
    ),
  );
  byId('header').replaceChildren(
    h(
      'div',
      { class: 'header-bar' },
      h('a', { class: 'logo', href: '/' }, h('span', { class: 'logo-mark' }, '◆'), SHOP_NAME),
      searchForm(),
      cartLink(),
    ),
    nav,
  );
  byId('footer').replaceChildren(
    h(
      'p',
      {},
      `${SHOP_NAME} is a demo storefront with generated products. Personalisation by insitu runs `,
      'entirely in your browser: your history and profile never leave this device.',
    ),
  );
  mountDevicePanel();
}

/** Shows a page-level error instead of a blank page (e.g. the demo data was not generated). */
export function showFatal(error: unknown): void {
  const main = document.querySelector('main');
  main?.replaceChildren(h('p', { class: 'fatal' }, String(error)));
}
