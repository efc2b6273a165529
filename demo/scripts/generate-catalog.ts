import type { Catalog, CatalogItem } from '@insitu/core';
import { createRandom, type Random } from './random.ts';
import { DEPARTMENTS, type Department } from './taxonomy.ts';

/** Options of {@link generateDemoCatalog}. */
export interface DemoCatalogOptions {
  seed?: number;
  /** Products per department (12 departments). */
  perDepartment?: number;
  /** Base URL of the generated product images. */
  imageBase?: string;
}

const SERIES = ['', ' 2', ' Pro', ' X', ' Lite', ' Max', ' Mk II', ' Air'];

/** Prices look like a shop's: log-uniform within the range, ending in .99 or .50. */
function price(rng: Random, [lo, hi]: [number, number]): number {
  const raw = Math.exp(Math.log(lo) + rng.next() * (Math.log(hi) - Math.log(lo)));
  const cents = rng.next() < 0.8 ? 0.99 : 0.5;
  return Math.max(1, Math.floor(raw)) - 1 + cents;
}

function describe(rng: Random, d: Department, sub: string, noun: string, tags: string[]): string {
  const opener = rng.pick([
    `The ${noun.toLowerCase()} for people who care about the details.`,
    `Our most-loved ${noun.toLowerCase()}, refined for everyday use.`,
    `Built to last, this ${noun.toLowerCase()} earns its place in your ${d.name.toLowerCase()} kit.`,
    `The ${noun.toLowerCase()} that does one thing, and does it beautifully.`,
  ]);
  const middle = `Part of our ${sub.toLowerCase()} range: ${tags.join(', ')}.`;
  const closer = rng.pick([
    'Free returns within 30 days.',
    'Backed by a two-year warranty.',
    'Designed in Europe, made to be repaired.',
    'Ships in recycled packaging.',
  ]);
  return `${opener} ${middle} ${closer}`;
}

function makeItem(rng: Random, d: Department, index: number, imageBase: string): CatalogItem {
  const sub = rng.pick(Object.keys(d.subcategories));
  const noun = rng.pick(d.subcategories[sub] ?? ['Item']);
  const brand = rng.pick(d.brands);
  const adjective = rng.pick(d.adjectives);
  const tags = rng.sample(d.tags, rng.int(2, 4));
  const id = `${d.slug.slice(0, 3)}-${String(index + 1).padStart(3, '0')}`;
  return {
    id,
    title: `${brand} ${adjective} ${noun}${rng.pick(SERIES)}`,
    categories: [d.group, d.name, sub],
    brand,
    price: price(rng, d.price),
    currency: 'EUR',
    url: `/product.html#${id}`,
    image: `${imageBase}${id}.svg`,
    // A few items are out of stock so that the "in stock" filter has something to do.
    inStock: rng.next() > 0.06,
    tags,
    description: describe(rng, d, sub, noun, tags),
  };
}

/**
 * The demo shop's catalog: `perDepartment` products in each of twelve departments, the same for a
 * given seed on every machine. Titles are unique (a series suffix breaks rare clashes).
 */
export function generateDemoCatalog(options: DemoCatalogOptions = {}): Catalog {
  const { seed = 42, perDepartment = 30, imageBase = '/generated/images/' } = options;
  const rng = createRandom(seed);
  const titles = new Set<string>();
  const items: CatalogItem[] = [];
  for (const d of DEPARTMENTS) {
    for (let i = 0; i < perDepartment; i++) {
      let item = makeItem(rng, d, i, imageBase);
      for (let tries = 0; titles.has(item.title) && tries < 20; tries++) {
        item = makeItem(rng, d, i, imageBase);
      }
      if (titles.has(item.title)) item = { ...item, title: `${item.title} (${item.id})` };
      titles.add(item.title);
      items.push(item);
    }
  }
  return { version: `demo-${seed}-${perDepartment}`, currency: 'EUR', items };
}
