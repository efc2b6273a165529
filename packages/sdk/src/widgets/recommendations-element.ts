import type { RecommendRequest, RecommendResult, Strategy } from '@insitu/core';
import type { Insitu } from '../main/types.ts';
import { renderList } from './render.ts';

type Client = Pick<Insitu, 'recommend' | 'track'>;
const STRATEGIES = ['for-you', 'similar-items', 'bought-together', 'trending', 'recently-viewed'];
/** How long the element waits for `window.insitu` when the widget script runs first. */
const WAIT_STEPS = 50;
const WAIT_MS = 200;

const pageClient = (): Client | undefined => {
  const c = (window as { insitu?: Partial<Client> }).insitu;
  return typeof c?.recommend === 'function' && typeof c.track === 'function'
    ? (c as Client)
    : undefined;
};

/** Tracking is best effort: a failure must not surface in the page. */
const track = (client: Client, name: string, props: object) =>
  void Promise.resolve()
    .then(() => client.track(name, props))
    .catch(() => undefined);

/**
 * `<insitu-recommendations strategy="for-you" limit="8" item-id="…" category="…" currency="EUR">`:
 * asks insitu (the `client` property, else `window.insitu`) for recommendations and renders them
 * (image, title, price, why); tracks `Recommendation Shown` when the list is seen and
 * `Recommendation Clicked` on a click. Never throws into the page: on failure it keeps whatever
 * fallback content the page put inside and dispatches `insitu-error`. Dispatches
 * `insitu-rendered` with the result after rendering.
 */
export class InsituRecommendations extends HTMLElement {
  static readonly observedAttributes = ['strategy', 'limit', 'item-id', 'category'];
  /** The insitu client to use; defaults to `window.insitu`. */
  client: Client | undefined;
  private run = 0;
  private observer: IntersectionObserver | undefined;

  connectedCallback(): void {
    this.refresh();
  }

  disconnectedCallback(): void {
    this.run++;
    this.observer?.disconnect();
  }

  attributeChangedCallback(): void {
    if (this.isConnected) this.refresh();
  }

  /** The request the attributes describe. */
  request(): RecommendRequest {
    const strategy = this.getAttribute('strategy') ?? 'for-you';
    const limit = Number(this.getAttribute('limit') ?? 8);
    const itemId = this.getAttribute('item-id');
    const category = this.getAttribute('category');
    return {
      strategy: (STRATEGIES.includes(strategy) ? strategy : 'for-you') as Strategy,
      limit: Number.isInteger(limit) && limit > 0 ? Math.min(limit, 100) : 8,
      ...(itemId ? { itemId } : {}),
      ...(category ? { context: { category } } : {}),
    };
  }

  /** Asks again and re-renders (e.g. after the cart changed). */
  refresh(): void {
    const run = ++this.run;
    void this.load(run).catch((error: unknown) => {
      if (run === this.run) this.emit('insitu-error', { error });
    });
  }

  private async load(run: number): Promise<void> {
    let client = this.client ?? pageClient();
    for (let i = 0; client === undefined && i < WAIT_STEPS && run === this.run; i++) {
      await new Promise((r) => setTimeout(r, WAIT_MS));
      client = this.client ?? pageClient();
    }
    if (client === undefined) throw new Error('insitu is not on this page');
    const result = await client.recommend(this.request());
    if (run !== this.run) return; // attributes changed meanwhile: a newer answer is coming
    if (result.items.length > 0) this.show(client, result);
    this.emit('insitu-rendered', { result });
  }

  private show(client: Client, result: RecommendResult): void {
    const list = renderList(result.items, this.getAttribute('currency') ?? undefined);
    const { strategy } = result;
    const products = result.items.map((r, i) => ({ product_id: r.item.id, position: i + 1 }));
    list.addEventListener('click', (e) => {
      const li = (e.target as Element | null)?.closest?.('li[data-product-id]');
      if (!(li instanceof HTMLElement)) return;
      const rec = result.items.find((r) => r.item.id === li.dataset['productId']);
      track(client, 'Recommendation Clicked', {
        product_id: li.dataset['productId'],
        position: Number(li.dataset['position']),
        strategy,
        ...(rec?.item.price === undefined ? {} : { price: rec.item.price }),
      });
    });
    this.replaceChildren(list);
    const shown = () => track(client, 'Recommendation Shown', { strategy, products });
    this.observer?.disconnect();
    if (typeof IntersectionObserver === 'undefined') return shown();
    this.observer = new IntersectionObserver((entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      this.observer?.disconnect();
      shown();
    });
    this.observer.observe(this);
  }

  private emit(type: string, detail: object): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true }));
  }
}

/** Registers the element once (a second widget script on the page is harmless). */
export function defineRecommendations(name = 'insitu-recommendations'): void {
  if (typeof customElements !== 'undefined' && !customElements.get(name)) {
    customElements.define(name, InsituRecommendations);
  }
}
