import { h } from './dom.ts';
import { insitu } from './insitu.ts';

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
 * Shows the offer of the best-matching audience. The match is computed by the SDK in this browser;
 * the page learns only which audience ids hold, never the profile behind them.
 */
export async function renderPromoBanner(slot: HTMLElement): Promise<void> {
  let matches: { id: string; score: number }[] = [];
  try {
    matches = (await insitu()?.audiences()) ?? [];
  } catch (e) {
    console.info('insitu.audiences unavailable:', e);
  }
  const best = [...matches]
    .filter((m) => OFFERS[m.id] !== undefined)
    .sort((a, b) => b.score - a.score)[0];
  const offer = best === undefined ? undefined : OFFERS[best.id];
  // `data-state` lets tests wait for the answer, banner or none.
  slot.dataset['state'] = 'done';
  if (best === undefined || offer === undefined) {
    slot.replaceChildren();
    return;
  }
  slot.replaceChildren(
    h(
      'a',
      { class: 'promo', href: offer.href, 'data-audience': best.id },
      h('strong', {}, offer.title),
      h('span', {}, offer.text),
      h('small', {}, 'Chosen on your device: your profile never left this browser.'),
    ),
  );
}
