import { CATEGORY_SPECS } from './catalog.ts';
import type { Rng } from './random.ts';

/** A shopper with known tastes, budget and rhythm, for the simulator. */
export interface Persona {
  id: string;
  /** Category names (leaf) they mostly shop, most loved first. */
  favourites: string[];
  /** Where in each category's price range they look: budget ≈ cheapest fifth, premium ≈ dearest. */
  budget: 'budget' | 'mid' | 'premium';
  /** Mean days between visits. */
  visitEveryDays: number;
  /** They stop visiting this many days after the start (a lapsed shopper); default never. */
  stopAfterDays?: number;
  /** Product views per visit (mean). */
  viewsPerVisit: number;
  /** Chance that a viewed item in a favourite category goes into the cart. */
  addRate: number;
  /** Chance that a visit with a cart ends in an order. */
  buyRate: number;
  /** Chance of reviewing a bought item. */
  reviewRate: number;
  /** Uses a coupon when ordering. */
  coupons: boolean;
  /** Review language. */
  lang: 'en' | 'zh';
  /** The last visit ends with items in the cart at checkout, not yet ordered. */
  endsAtCheckout?: boolean;
  /** Share of views outside the favourites. */
  stray?: number;
}

const base = { reviewRate: 0.3, coupons: false, lang: 'en' as const, stray: 0.15 };

/** Archetypes the tests check the profile against. */
export const PERSONAS = {
  runner: {
    ...base,
    id: 'runner',
    favourites: ['Running', 'Camping'],
    budget: 'mid',
    visitEveryDays: 4,
    viewsPerVisit: 6,
    addRate: 0.15,
    buyRate: 0.5,
  },
  bargainHunter: {
    ...base,
    id: 'bargain-hunter',
    favourites: ['Kitchen', 'Lighting'],
    budget: 'budget',
    visitEveryDays: 3,
    viewsPerVisit: 8,
    addRate: 0.12,
    buyRate: 0.6,
    coupons: true,
  },
  bigSpender: {
    ...base,
    id: 'big-spender',
    favourites: ['Watches', 'Cameras'],
    budget: 'premium',
    visitEveryDays: 10,
    viewsPerVisit: 5,
    addRate: 0.3,
    buyRate: 0.8,
    lang: 'zh',
  },
  lapsed: {
    ...base,
    id: 'lapsed',
    favourites: ['Audio', 'Phones'],
    budget: 'mid',
    visitEveryDays: 3,
    stopAfterDays: 40,
    viewsPerVisit: 5,
    addRate: 0.1,
    buyRate: 0.5,
  },
  windowShopper: {
    ...base,
    id: 'window-shopper',
    favourites: ['Furniture', 'Bags'],
    budget: 'mid',
    visitEveryDays: 2,
    viewsPerVisit: 9,
    addRate: 0,
    buyRate: 0,
  },
  readyBuyer: {
    ...base,
    id: 'ready-buyer',
    favourites: ['Cycling'],
    budget: 'mid',
    visitEveryDays: 5,
    viewsPerVisit: 5,
    addRate: 0.2,
    buyRate: 0.3,
    endsAtCheckout: true,
  },
} satisfies Record<string, Persona>;

/**
 * `count` varied shoppers for a shop's historical logs: one to three favourite categories, any
 * budget and rhythm, some lapsing. Deterministic for a given rng.
 */
export function randomPersonas(rng: Rng, count: number): Persona[] {
  const names = CATEGORY_SPECS.map((c) => c.name);
  return Array.from({ length: count }, (_, i): Persona => {
    const favourites: string[] = [];
    const n = rng.int(1, 3);
    while (favourites.length < n) {
      const c = rng.pick(names);
      if (!favourites.includes(c)) favourites.push(c);
    }
    const p: Persona = {
      id: `u${String(i + 1).padStart(5, '0')}`,
      favourites,
      budget: rng.pick(['budget', 'mid', 'mid', 'premium'] as const),
      visitEveryDays: 1 + rng.exp(6),
      viewsPerVisit: 2 + rng.exp(5),
      addRate: 0.05 + rng.next() * 0.25,
      buyRate: rng.next() * 0.7,
      reviewRate: rng.next() * 0.4,
      coupons: rng.chance(0.2),
      lang: rng.chance(0.2) ? 'zh' : 'en',
      stray: 0.1 + rng.next() * 0.2,
    };
    if (rng.chance(0.25)) p.stopAfterDays = rng.int(10, 60);
    return p;
  });
}
