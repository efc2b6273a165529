import { h } from './dom.ts';

/** The demo shop's offers, by the audience id declared in the snippet config (snippet-plugin.ts). */
const OFFERS: Record<string, { title: string; text: string; href: string }> = {
  'outdoor-fans': {
    title: 'Outdoor week',
    text: '15% off running, camping and cycling gear until Sunday.',
    href: 'category.html#Running',
  },
  'ready-to-buy': {
    title: 'Free shipping today',
    text: 'Your order ships free if you check out today.',
    href: 'cart.html',
  },
  'bargain-hunters': {
    title: 'Deals corner',
    text: 'This week’s lowest prices, picked for the whole shop.',
    href: 'category.html#Kitchen',
  },
};

/**
 * One `<insitu-promo audience="…">` per offer: each shows its banner only while the shopper is in
 * that audience. The SDK decides in this browser; the page never sees the profile behind it.
 */
export function promoBanners(): HTMLElement {
  return h(
    'section',
    { id: 'promo' },
    Object.entries(OFFERS).map(([id, offer]) =>
      h(
        'insitu-promo' as 'div',
        { audience: id },
        h(
          'a',
          { class: 'promo', href: offer.href, 'data-audience': id },
          h('strong', {}, offer.title),
          h('span', {}, offer.text),
          h('small', {}, 'Chosen on your device: your profile never left this browser.'),
        ),
      ),
    ),
  );
}
