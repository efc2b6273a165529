import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { createInsitu } from '../main/index.ts';
import type { Insitu } from '../main/types.ts';
import { InsituProfile, InsituPromo, defineProfile, definePromo } from './index.ts';
import type { PrivacyClient } from './privacy/privacy-centre.ts';
import { PRIVACY_TEXTS } from './privacy/privacy-texts.ts';

// The tiny shop built by packages/sdk/test/model-artifact.setup.ts.
const tmp = (path: string) => new URL(`/packages/sdk/.tmp/model-test/${path}`, location.href).href;
const clients: Insitu[] = [];
afterEach(async () => {
  document.body.replaceChildren();
  await Promise.all(clients.splice(0).map((c) => c.forget().catch(() => undefined)));
});

function client(dbName = `wdg-${crypto.randomUUID()}`): Insitu {
  const c = createInsitu({
    dbName,
    catalog: tmp('catalog.json'),
    audiences: [
      { id: 'viewers', all: [{ metric: 'intent', gte: 0 }] },
      { id: 'buyers', all: [{ stage: 'buying' }] },
    ],
  });
  clients.push(c);
  return c;
}

const state = (el: HTMLElement, wanted: string) =>
  expect.poll(() => el.dataset['state'], { timeout: 10_000 }).toBe(wanted);

describe('<insitu-promo>', () => {
  it('shows its content only in the audience, and checks again on change', async () => {
    definePromo();
    const c = client();
    await c.track('Product Viewed', { product_id: 'p-1' });
    await c.flush();
    const make = (audience: string) => {
      const el = document.createElement('insitu-promo') as InsituPromo;
      el.client = c;
      el.setAttribute('audience', audience);
      el.innerHTML = `<p>${audience} offer</p>`;
      document.body.append(el);
      return el;
    };
    const viewers = make('viewers');
    const buyers = make('buyers');
    await state(viewers, 'shown');
    await state(buyers, 'hidden');
    const content = (el: HTMLElement) =>
      el.shadowRoot!.querySelector<HTMLElement>('[part="content"]')!;
    expect(content(viewers).hidden).toBe(false);
    expect(content(buyers).hidden).toBe(true);
    expect(buyers.querySelector('p')!.getBoundingClientRect().height).toBe(0);
    // Checkout makes them buyers: the `change` after storing re-checks without a reload.
    await c.track('Product Added', { product_id: 'p-1', quantity: 1 });
    await c.track('Checkout Started', { products: [{ product_id: 'p-1' }] });
    await c.flush();
    await state(buyers, 'shown');
  });
});

describe('<insitu-profile>', () => {
  it('loads its chunk, shows what is stored and the profile, and Forget erases it all', async () => {
    defineProfile();
    const c = client();
    for (const id of ['p-1', 'p-2', 'p-3']) await c.track('Product Viewed', { product_id: id });
    await c.flush();
    const el = document.createElement('insitu-profile') as InsituProfile;
    el.client = c;
    document.body.append(el);
    await state(el, 'filled');
    const root = el.shadowRoot!;
    expect(root.querySelector('#stored-count')!.textContent).toBe('3');
    expect(root.querySelector('#profile-summary')!.textContent).not.toBe('');
    expect(root.querySelectorAll('#interests .bar-label').length).toBeGreaterThan(0);
    expect(root.querySelectorAll('svg.gauge')).toHaveLength(2);
    expect(root.querySelector<HTMLInputElement>('#consent-switch')!.checked).toBe(true);
    root.querySelector<HTMLButtonElement>('#forget-data')!.click();
    const confirm = root.querySelector<HTMLElement>('.confirm')!;
    expect(confirm.hidden).toBe(false);
    root.querySelector<HTMLButtonElement>('#forget-cancel')!.click();
    expect(confirm.hidden).toBe(true);
    expect((await c.export()).events).toHaveLength(3); // cancelled: nothing erased
    root.querySelector<HTMLButtonElement>('#forget-data')!.click();
    root.querySelector<HTMLButtonElement>('#forget-confirm')!.click();
    await expect.poll(() => root.querySelector('#stored-count')!.textContent).toBe('0');
    await state(el, 'empty');
    expect((await c.export()).events).toEqual([]);
  });
});

describe('<insitu-profile> what insitu learned', () => {
  const mount = (c: PrivacyClient) => {
    const el = document.createElement('insitu-profile') as InsituProfile;
    el.client = c;
    document.body.append(el);
    return el;
  };
  const texts = (root: ShadowRoot, selector: string) =>
    [...root.querySelectorAll(selector)].map((n) => n.textContent);

  it('shows the skipped items and the leading category; Reset, when the client has it, clears them', async () => {
    defineProfile();
    const dbName = `wdg-${crypto.randomUUID()}`;
    const c = client(dbName);
    const shown = { strategy: 'for-you', products: [{ product_id: 'p-1' }, { product_id: 'p-2' }] };
    for (let i = 0; i < 3; i++) await c.track('Recommendation Shown', shown);
    for (const id of ['p-9', 'p-10', 'p-11']) await c.track('Product Viewed', { product_id: id });
    await c.flush();

    // An insitu.js older than the widgets has no resetLearning: the section shows, Reset does not.
    const plain = mount({ ...c, resetLearning: undefined });
    await state(plain, 'filled');
    let root = plain.shadowRoot!;
    expect(texts(root, '#learned-body p')).toEqual([
      'You skipped Tents 1 and Tents 2 three times or more, so they are shown less.',
      'You click mostly on Shoes (100% of what you looked at).',
    ]);
    expect(texts(root, '#learned-body li > span')).toEqual([
      'Tents 1',
      'shown 3 times',
      'Tents 2',
      'shown 3 times',
    ]);
    const resetOf = (r: ShadowRoot) => r.querySelector<HTMLButtonElement>('#reset-learning')!;
    expect(resetOf(root).checkVisibility()).toBe(false);
    plain.remove();

    // Today's client: Enter on Reset erases what was learned in the worker.
    const el = mount(c);
    await state(el, 'filled');
    root = el.shadowRoot!;
    const button = resetOf(root);
    expect(button.checkVisibility()).toBe(true);
    expect(button.getAttribute('part')).toBe('button');
    button.focus();
    await userEvent.keyboard('{Enter}');
    const t = PRIVACY_TEXTS.en;
    await expect.poll(() => texts(root, '#learned-body p')).toEqual([t.learnedNothing]);
    expect((await c.export()).meta['learningResetAt']).toEqual(expect.any(Number));
    expect(texts(root, '#learned-body li')).toEqual([]);
    expect(root.querySelector('#privacy-status')!.textContent).toBe(t.learningReset);
    expect(root.activeElement).toBe(button); // focus stays where the shopper is
    expect(root.querySelector('#stored-count')!.textContent).toBe('6'); // events are kept
  });
});
