import type { Catalog, CatalogItem, JsonObject } from '@insitu/core';
import type { Persona } from './personas.ts';
import { createRng, type Rng } from './random.ts';

/** One tracked event as a shop's page sends it (the JSONL format of `insitu profile`). */
export interface TrackedEvent {
  event: string;
  properties: JsonObject;
  /** Milliseconds since the epoch. */
  timestamp: number;
}

/** A simulated shopper's whole history. */
export interface SimulatedShopper {
  id: string;
  persona: Persona;
  events: TrackedEvent[];
}

/** When and how long to simulate. */
export interface SimulationOptions {
  seed: number;
  /** First possible visit, ms since the epoch. Default 2026-01-01. */
  start?: number;
  /** Length of the simulated period; "now" is `start + days`. Default 120. */
  days?: number;
}

const DAY = 86_400_000;
const DEFAULT_START = Date.UTC(2026, 0, 1);
const BUDGET_TARGET = { budget: 0.12, mid: 0.5, premium: 0.88 } as const;

const REVIEWS = {
  en: {
    good: [
      'Great quality, very comfortable!',
      'Love it, works perfectly.',
      'Excellent value, highly recommend.',
    ],
    bad: [
      'Not good at all, broke after a week.',
      'Disappointed, poor quality.',
      'Terrible fit, would not recommend.',
    ],
  },
  zh: {
    good: ['我非常喜欢这个产品，性价比很高！', '质量很好，非常满意。', '很棒，推荐购买。'],
    bad: ['不好，用了一周就坏了。', '质量很差，很失望。', '一点也不好用，不推荐。'],
  },
};

/** The catalog grouped for sampling: items per category in catalog order, with price ranks. */
interface Shelves {
  byCategory: Map<string, { item: CatalogItem; pct: number }[]>;
  names: string[];
}

function shelvesOf(catalog: Catalog): Shelves {
  const byCategory = new Map<string, { item: CatalogItem; pct: number }[]>();
  for (const item of catalog.items) {
    const leaf = item.categories.at(-1) ?? '';
    const list = byCategory.get(leaf) ?? [];
    list.push({ item, pct: 0 });
    byCategory.set(leaf, list);
  }
  for (const list of byCategory.values()) {
    const prices = list.map((e) => e.item.price ?? 0).sort((a, b) => a - b);
    for (const e of list) {
      e.pct = prices.indexOf(e.item.price ?? 0) / Math.max(1, prices.length - 1);
    }
  }
  return { byCategory, names: [...byCategory.keys()] };
}

function productProps(item: CatalogItem): JsonObject {
  const p: JsonObject = {
    product_id: item.id,
    name: item.title,
    category: item.categories.at(-1) ?? '',
  };
  if (item.brand !== undefined) p['brand'] = item.brand;
  if (item.price !== undefined) p['price'] = item.price;
  return p;
}

/** Simulates one shopper over the period; events are in time order. */
export function simulateShopper(
  persona: Persona,
  catalog: Catalog,
  options: SimulationOptions,
  shelves: Shelves = shelvesOf(catalog),
): TrackedEvent[] {
  const rng = createRng(options.seed);
  const start = options.start ?? DEFAULT_START;
  const end = start + (options.days ?? 120) * DAY;
  const stop = persona.stopAfterDays === undefined ? end : start + persona.stopAfterDays * DAY;
  const events: TrackedEvent[] = [];
  let cart: CatalogItem[] = [];
  let t = start + rng.exp(persona.visitEveryDays) * DAY * 0.5;
  let lastViewed: { cat: string; index: number } | undefined;
  const emit = (event: string, properties: JsonObject) => {
    t += (20 + rng.next() * 160) * 1000;
    events.push({ event, properties, timestamp: Math.round(t) });
  };
  const pickCategory = (): string => {
    if (rng.chance(persona.stray ?? 0.15)) return rng.pick(shelves.names);
    const i = Math.min(persona.favourites.length - 1, rng.zipf(persona.favourites.length, 1));
    return persona.favourites[i] ?? rng.pick(shelves.names);
  };
  const pickItem = (cat: string): { item: CatalogItem; index: number } | undefined => {
    const list = shelves.byCategory.get(cat) ?? [];
    if (list.length === 0) return undefined;
    // Browsing tends to go to the neighbour of the last item (gives sequences some structure).
    const target = BUDGET_TARGET[persona.budget];
    if (lastViewed?.cat === cat && rng.chance(0.4)) {
      const index = (lastViewed.index + 1) % list.length;
      const e = list[index];
      // Only a neighbour within the shopper's budget: tastes in price are what tests recover.
      if (e !== undefined && Math.abs(e.pct - target) < 0.3) return { item: e.item, index };
    }
    let best: { item: CatalogItem; index: number; d: number } | undefined;
    for (let k = 0; k < 5; k++) {
      const index = rng.zipf(list.length, 0.8);
      const e = list[index];
      if (e === undefined) continue;
      const d = Math.abs(e.pct - target) + 0.1 * rng.next();
      if (best === undefined || d < best.d) best = { item: e.item, index, d };
    }
    return best;
  };
  const visit = (atCheckout: boolean) => {
    const fav = persona.favourites[0] ?? rng.pick(shelves.names);
    if (rng.chance(0.3)) {
      const spec = shelves.byCategory.get(fav)?.[0]?.item;
      emit('Products Searched', { query: spec?.tags[0] ?? fav.toLowerCase() });
    }
    if (rng.chance(0.5)) emit('Product List Viewed', { category: pickCategory() });
    const views = Math.max(1, Math.round(rng.exp(persona.viewsPerVisit)));
    for (let v = 0; v < views; v++) {
      const cat = pickCategory();
      const picked = pickItem(cat);
      if (picked === undefined) continue;
      lastViewed = { cat, index: picked.index };
      emit('Product Viewed', productProps(picked.item));
      const loved = persona.favourites.includes(cat);
      if (rng.chance(loved ? persona.addRate : persona.addRate * 0.2)) {
        emit('Product Added', { ...productProps(picked.item), quantity: 1 });
        cart.push(picked.item);
        if (rng.chance(0.1)) {
          emit('Product Removed', { ...productProps(picked.item), quantity: 1 });
          cart = cart.filter((c) => c !== picked.item);
        }
      }
    }
    if (atCheckout && cart.length === 0) {
      const picked = pickItem(fav);
      if (picked !== undefined) {
        emit('Product Added', { ...productProps(picked.item), quantity: 1 });
        cart.push(picked.item);
      }
    }
    if (cart.length === 0) return;
    const products = cart.map((c) => ({ ...productProps(c), quantity: 1 }));
    const value = Math.round(cart.reduce((s, c) => s + (c.price ?? 0), 0) * 100) / 100;
    emit('Cart Viewed', { products });
    if (atCheckout) {
      emit('Checkout Started', { products, value, currency: 'EUR' });
      return;
    }
    if (!rng.chance(persona.buyRate)) return;
    emit('Checkout Started', { products, value, currency: 'EUR' });
    const order: JsonObject = {
      order_id: `o${Math.round(t)}`,
      products,
      revenue: value,
      currency: 'EUR',
    };
    if (persona.coupons) order['coupon'] = 'SAVE10';
    emit('Order Completed', order);
    for (const item of cart) {
      if (!rng.chance(persona.reviewRate)) continue;
      const happy = persona.favourites.includes(item.categories.at(-1) ?? '') ? 0.85 : 0.5;
      const good = rng.chance(happy);
      const texts = REVIEWS[persona.lang][good ? 'good' : 'bad'];
      emit('Product Reviewed', {
        product_id: item.id,
        review_body: rng.pick(texts),
        rating: good ? rng.int(4, 5) : rng.int(1, 2),
      });
    }
    cart = [];
  };
  while (t < Math.min(stop, end - DAY / 24)) {
    visit(false);
    t += Math.max(DAY / 12, rng.exp(persona.visitEveryDays) * DAY);
  }
  if (persona.endsAtCheckout === true) {
    t = Math.max(t - 0, end - 20 * 60_000);
    visit(true);
  }
  return events.filter((e) => e.timestamp <= end || persona.endsAtCheckout === true);
}

/** Simulates many shoppers from one seed (each gets its own derived seed). */
export function simulateShoppers(
  catalog: Catalog,
  personas: readonly Persona[],
  options: SimulationOptions,
): SimulatedShopper[] {
  const shelves = shelvesOf(catalog);
  return personas.map((persona, i) => ({
    id: persona.id,
    persona,
    events: simulateShopper(
      persona,
      catalog,
      { ...options, seed: options.seed * 7919 + i + 1 },
      shelves,
    ),
  }));
}

export { createRng, type Rng };
