import { afterEach, describe, expect, it } from 'vitest';
import type { RecommendResult } from '@insitu/core';
import { createInsitu } from '../main/index.ts';
import type { Insitu } from '../main/types.ts';
import { InsituRecommendations, defineRecommendations } from './index.ts';
import { renderItem } from './render-item.ts';
import { safeUrl } from './safe-url.ts';

// The tiny shop and artifact built by packages/sdk/test/model-artifact.setup.ts.
const tmp = (path: string) => new URL(`/packages/sdk/.tmp/model-test/${path}`, location.href).href;
const clients: Insitu[] = [];
afterEach(async () => {
  document.body.replaceChildren();
  await Promise.all(clients.splice(0).map((c) => c.forget().catch(() => undefined)));
});

function mount(attrs: Record<string, string>, client?: Pick<Insitu, 'recommend' | 'track'>) {
  defineRecommendations();
  const el = document.createElement('insitu-recommendations') as InsituRecommendations;
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  el.client = client;
  el.innerHTML = '<p class="fallback">Our best sellers</p>';
  const rendered = new Promise<RecommendResult>((resolve, reject) => {
    el.addEventListener('insitu-rendered', (e) => resolve((e as CustomEvent).detail.result));
    el.addEventListener('insitu-error', (e) => reject((e as CustomEvent).detail.error as Error));
  });
  document.body.append(el);
  return { el, rendered };
}

describe('<insitu-recommendations>', () => {
  it('renders the recommendations with their explanations and tracks shown and clicked', async () => {
    const c = createInsitu({
      dbName: `wdg-${crypto.randomUUID()}`,
      catalog: tmp('catalog.json'),
      model: tmp('model/'),
    });
    clients.push(c);
    await c.track('Product Viewed', { product_id: 'p-9' });
    const { el, rendered } = mount({ strategy: 'similar-items', limit: '3', 'item-id': 'p-9' }, c);
    const result = await rendered;
    expect(result.items).toHaveLength(3);
    const root = el.shadowRoot!;
    const items = [...root.querySelectorAll('li[part="item"]')] as HTMLElement[];
    expect(items.map((li) => li.dataset['productId'])).toEqual(result.items.map((r) => r.item.id));
    expect(el.dataset['state']).toBe('filled');
    expect(root.querySelector<HTMLElement>('[part="fallback"]')!.hidden).toBe(true);
    const first = items[0]!;
    const rec = result.items[0]!;
    expect(first.querySelector('[part="title"]')!.textContent).toBe(rec.item.title);
    expect(first.querySelector('[part="why"]')!.textContent).toBe(rec.explanation.text);
    expect(first.querySelector('[part="price"]')!.textContent).toContain(String(rec.item.price));
    expect(first.querySelector('img')!.getAttribute('src')).toBe(
      new URL(rec.item.image!, document.baseURI).href,
    );
    expect(first.querySelector('img')!.alt).toBe('');
    const link = first.querySelector('a')!;
    link.addEventListener('click', (e) => e.preventDefault());
    link.click();
    // `Recommendation Shown` waits for the element to be seen (IntersectionObserver, next frame).
    let events = (await c.export()).events;
    for (let i = 0; i < 100 && !events.some((e) => e.name === 'Recommendation Shown'); i++) {
      await new Promise((r) => setTimeout(r, 50));
      await c.flush();
      events = (await c.export()).events;
    }
    const shown = events.find((e) => e.name === 'Recommendation Shown')!;
    expect(shown.props).toMatchObject({ strategy: 'similar-items' });
    expect(shown.items).toEqual(result.items.map((r) => r.item.id));
    const clicked = events.find((e) => e.name === 'Recommendation Clicked')!;
    expect(clicked.props).toMatchObject({ product_id: rec.item.id, position: 1 });
  });

  it('re-asks when its attributes change and never throws into the page', async () => {
    let asked: unknown[] = [];
    const failing = {
      recommend: (req: unknown) => {
        asked.push(req);
        return Promise.reject(new Error('worker gone'));
      },
      track: () => Promise.reject(new Error('worker gone')),
    };
    const { el, rendered } = mount({ strategy: 'bogus', limit: '-3', category: 'Lamps' }, failing);
    await expect(rendered).rejects.toThrow('worker gone');
    expect(asked).toEqual([{ strategy: 'for-you', limit: 8, context: { category: 'Lamps' } }]);
    // The page's own content shows instead.
    expect(el.dataset['state']).toBe('error');
    expect(el.shadowRoot!.querySelector<HTMLElement>('[part="fallback"]')!.hidden).toBe(false);
    expect(el.querySelector('.fallback')).not.toBeNull();
    asked = [];
    const again = new Promise((r) => el.addEventListener('insitu-error', r, { once: true }));
    el.setAttribute('item-id', 'p-1');
    await again;
    expect(asked).toEqual([
      { strategy: 'for-you', limit: 8, itemId: 'p-1', context: { category: 'Lamps' } },
    ]);
  });

  it('never puts a javascript: URL from the catalog into the page', () => {
    expect(safeUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeUrl('/p/1')).toBe(new URL('/p/1', document.baseURI).href);
    const li = document.createElement('li');
    li.append(
      renderItem(
        {
          item: {
            id: 'x',
            title: '<b>x</b>',
            categories: [],
            inStock: true,
            tags: [],
            url: 'javascript:alert(1)',
            image: 'data:text/html,hi',
          },
          score: 1,
          explanation: { kind: 'popular', text: 'Popular right now' },
        },
        { position: 1, price: '', locale: 'en' },
      ),
    );
    expect(li.querySelector('a')).toBeNull();
    expect(li.querySelector('img')).toBeNull();
    expect(li.querySelector('[part="title"]')!.textContent).toBe('<b>x</b>');
  });
});

describe('<insitu-recommendations> customisation', () => {
  const client = () => {
    const c = createInsitu({
      dbName: `wdg-${crypto.randomUUID()}`,
      catalog: tmp('catalog.json'),
      model: tmp('model/'),
    });
    clients.push(c);
    return c;
  };

  it('reserves its final size with a skeleton of `limit` cards before the answer', async () => {
    const { el, rendered } = mount(
      { strategy: 'trending', limit: '4', layout: 'carousel' },
      client(),
    );
    const root = el.shadowRoot!;
    expect(el.dataset['state']).toBe('loading');
    expect(root.querySelectorAll('li.sk')).toHaveLength(4);
    const before = el.getBoundingClientRect().height;
    expect(before).toBeGreaterThan(150);
    await rendered;
    expect(root.querySelectorAll('li.sk')).toHaveLength(0);
    expect(el.getBoundingClientRect().height).toBe(before);
  });

  it('applies a transform, a <template> and the zh texts; URLs resolve against document.baseURI', async () => {
    const base = document.createElement('base');
    base.href = new URL('/shop/', location.href).href;
    document.head.append(base);
    try {
      const { el, rendered } = mount({ strategy: 'trending', limit: '3', lang: 'zh-CN' }, client());
      el.innerHTML =
        '<template><a data-insitu="link" part="link"><img data-insitu="image"><b data-insitu="title"></b></a><i data-insitu="price"></i></template><p class="fallback">x</p>';
      el.transform = (items) =>
        items
          .slice(0, 2)
          .map((r) => ({ ...r, item: { ...r.item, image: 'img/a.svg', currency: 'CNY' } }));
      el.refresh();
      await rendered;
      const root = el.shadowRoot!;
      expect(root.querySelector('[part="heading"]')!.textContent).toBe('热门商品');
      const lis = root.querySelectorAll('li[part="item"]');
      expect(lis).toHaveLength(2);
      expect(lis[0]!.querySelector('b')!.textContent).not.toBe('');
      expect(lis[0]!.querySelector('img')!.getAttribute('src')).toBe(
        new URL('/shop/img/a.svg', location.href).href,
      );
      expect(lis[0]!.querySelector('img')!.getAttribute('alt')).toBe('');
      expect(lis[0]!.querySelector('i')!.textContent).toMatch(/¥/);
    } finally {
      base.remove();
    }
  });

  it('uses a render function and shows the fallback when there is nothing to show', async () => {
    const c = client();
    const { el, rendered } = mount({ strategy: 'recently-viewed', limit: '3' }, c);
    el.render = (rec) => document.createTextNode(rec.item.title);
    await rendered;
    expect(el.dataset['state']).toBe('empty');
    expect(el.shadowRoot!.querySelector<HTMLElement>('[part="fallback"]')!.hidden).toBe(false);
    await c.track('Product Viewed', { product_id: 'p-3' });
    await c.flush();
    const again = new Promise((r) => el.addEventListener('insitu-rendered', r, { once: true }));
    el.refresh();
    await again;
    const li = el.shadowRoot!.querySelector('li[part="item"]')!;
    expect(li.textContent).toMatch(/ 3$/); // the title of p-3, from the render function
    expect(li.children).toHaveLength(0);
  });
});
