import type { Recommendation, RecommendRequest, RecommendResult, Strategy } from '@insitu/core';
import type { Insitu } from '../main/types.ts';
import { adoptStyles } from './adopt-styles.ts';
import { formatPrice, languageOf, localeOf } from './language.ts';
import { pageClient } from './page-client.ts';
import { trackClick, trackShown } from './recommendation-tracking.ts';
import { RECOMMENDATIONS_CSS } from './recommendations-styles.ts';
import { renderFromTemplate, renderItem, skeletonItem, type RenderItem } from './render-item.ts';
import { RECOMMENDATION_TEXTS } from './widget-texts.ts';

type Client = Pick<Insitu, 'recommend' | 'track'>;
/** Rewrites the items before they are shown (filter, reorder, add fields); may be async. */
export type TransformItems = (
  items: Recommendation[],
  result: RecommendResult,
) => Recommendation[] | Promise<Recommendation[]>;

const STRATEGIES = ['for-you', 'similar-items', 'bought-together', 'trending', 'recently-viewed'];
let uid = 0;

const h = <K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
};

/**
 * `<insitu-recommendations strategy="for-you" limit="8" layout="grid|carousel" heading="…"
 * item-id="…" category="…" currency="EUR">`: asks insitu (the `client` property, else
 * `window.insitu`) for recommendations and renders them in its own shadow root, styled by default
 * and themed with `--insitu-*` properties and `::part()`. A skeleton of the final size is shown
 * until the answer arrives. The element's children are its fallback, shown when there is nothing
 * to show or something failed; it never throws into the page. Tracks `Recommendation Shown` when
 * the list is seen and `Recommendation Clicked` on a click. Dispatches `insitu-rendered` (detail
 * `{ result }`) or `insitu-error` (detail `{ error }`); `data-state` is `loading`, `filled`,
 * `empty` or `error`.
 */
export class InsituRecommendations extends HTMLElement {
  static readonly observedAttributes = [
    'strategy',
    'limit',
    'item-id',
    'category',
    'layout',
    'heading',
    'lang',
  ];
  /** The insitu client to use; defaults to `window.insitu`. */
  client: Client | undefined;
  /** Custom card markup; a `<template>` child does the same without script. */
  render: RenderItem | undefined;
  /** Rewrites the items before rendering. */
  transform: TransformItems | undefined;
  private run = 0;
  private observer: IntersectionObserver | undefined;
  /** What is on screen, for click tracking. */
  private shown: { client: Client; result: RecommendResult } | undefined;
  private readonly root: ShadowRoot;
  private readonly headingEl: HTMLElement;
  private readonly headingSlot: HTMLSlotElement;
  private readonly status: HTMLElement;
  private readonly fallback: HTMLElement;
  private list: HTMLUListElement;

  constructor() {
    super();
    this.root = this.attachShadow({ mode: 'open' });
    adoptStyles(this.root, RECOMMENDATIONS_CSS);
    const id = `insitu-h${++uid}`;
    const section = h('section', { 'aria-labelledby': id });
    this.headingEl = h('div', { id, part: 'heading', class: 'h' });
    this.headingSlot = h('slot', { name: 'heading' });
    this.headingEl.append(this.headingSlot);
    // A slotted heading is the shop's own <h2>…: then ours is only its box, not a second heading.
    this.headingSlot.addEventListener('slotchange', () => this.headingRole());
    this.status = h('span', { class: 'sr', role: 'status' });
    this.list = h('ul');
    this.fallback = h('div', { part: 'fallback', hidden: '' });
    this.fallback.append(h('slot'));
    section.append(this.headingEl, this.status, this.list);
    this.root.append(section, this.fallback);
    this.root.addEventListener('click', (e) => {
      if (this.shown) trackClick(e, this.shown.client, this.shown.result);
    });
  }

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
    this.skeleton();
    void this.load(run).catch((error: unknown) => {
      if (run !== this.run) return;
      this.settle('error');
      this.emit('insitu-error', { error });
    });
  }

  private get carousel(): boolean {
    return this.getAttribute('layout') === 'carousel';
  }

  private texts() {
    return RECOMMENDATION_TEXTS[languageOf(localeOf(this))];
  }

  private headingRole(): void {
    if (this.headingSlot.assignedNodes().length > 0) {
      this.headingEl.removeAttribute('role');
      this.headingEl.removeAttribute('aria-level');
    } else {
      this.headingEl.setAttribute('role', 'heading');
      this.headingEl.setAttribute('aria-level', this.getAttribute('heading-level') ?? '2');
    }
  }

  /** Placeholder cards of the final size: `limit` of them (a carousel's height is one card). */
  private skeleton(): void {
    const texts = this.texts();
    const { strategy, limit } = this.request();
    this.headingSlot.textContent = this.getAttribute('heading') ?? texts.heading[strategy];
    this.headingRole();
    this.status.textContent = texts.loading;
    const list = this.newList();
    list.setAttribute('aria-hidden', 'true');
    for (let i = 0; i < (limit ?? 8); i++) list.append(skeletonItem());
    this.swap(list);
    this.dataset['state'] = 'loading';
    this.fallback.hidden = true;
  }

  private newList(): HTMLUListElement {
    const list = h('ul', { part: 'list', class: this.carousel ? 'carousel' : 'grid' });
    list.setAttribute('aria-labelledby', this.headingEl.id);
    return list;
  }

  private swap(list: HTMLUListElement): void {
    list.hidden = false;
    this.list.replaceWith(list);
    this.list = list;
  }

  private async load(run: number): Promise<void> {
    const client =
      this.client ?? (await pageClient(['recommend', 'track'], () => run === this.run));
    const result = await client.recommend(this.request());
    if (run !== this.run) return; // attributes changed meanwhile: a newer answer is coming
    const items = this.transform ? await this.transform(result.items, result) : result.items;
    if (run !== this.run) return;
    if (items.length === 0) this.settle('empty');
    else this.show(client, { ...result, items });
    this.emit('insitu-rendered', { result: { ...result, items } });
  }

  /** Nothing to show: the page's own children (the fallback) take the element's place. */
  private settle(state: 'empty' | 'error'): void {
    this.status.textContent = '';
    this.list.hidden = true;
    this.headingEl.hidden = true;
    this.fallback.hidden = false;
    this.dataset['state'] = state;
  }

  private show(client: Client, result: RecommendResult): void {
    const locale = localeOf(this);
    const template = this.querySelector(':scope > template');
    const render =
      this.render ??
      (template instanceof HTMLTemplateElement ? renderFromTemplate(template) : renderItem);
    const reserved = this.carousel ? 0 : this.list.offsetHeight;
    const list = this.newList();
    result.items.forEach((rec, i) => {
      const li = h('li', {
        part: 'item',
        'data-product-id': rec.item.id,
        'data-position': `${i + 1}`,
      });
      const currency = rec.item.currency ?? this.getAttribute('currency') ?? undefined;
      const price = formatPrice(rec.item.price, currency, locale);
      li.append(render(rec, { position: i + 1, price, locale }));
      list.append(li);
    });
    // Fewer items than the skeleton promised: keep its height, so content below does not move.
    if (reserved > 0) list.style.minHeight = `${reserved}px`;
    this.swap(list);
    this.headingEl.hidden = false;
    this.status.textContent = '';
    this.fallback.hidden = true;
    this.dataset['state'] = 'filled';
    this.shown = { client, result };
    this.observer?.disconnect();
    this.observer = trackShown(this, client, result);
  }

  private emit(type: string, detail: object): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}

/** Registers the element once (a second widget script on the page is harmless). */
export function defineRecommendations(name = 'insitu-recommendations'): void {
  if (typeof customElements !== 'undefined' && !customElements.get(name)) {
    customElements.define(name, InsituRecommendations);
  }
}
