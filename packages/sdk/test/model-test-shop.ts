import type { Catalog } from '@insitu/core';

/** Categories of the test shop; each has `PER_CATEGORY` items, walked in order by shoppers. */
export const CATEGORIES = ['Tents', 'Shoes', 'Socks', 'Lamps', 'Stoves', 'Packs'];
export const PER_CATEGORY = 8;

/** Histories (item ids, oldest first) whose Node scores the browser must reproduce. */
export const TEST_HISTORIES: string[][] = [['p-8'], ['p-8', 'p-9', 'p-10'], ['p-40', 'p-3']];

/** A small catalog: item `p-i` is in category `i / PER_CATEGORY`; the last of each is out of stock. */
export function testCatalog(): Catalog {
  return {
    version: 'model-test-1',
    items: Array.from({ length: CATEGORIES.length * PER_CATEGORY }, (_, i) => ({
      id: `p-${i}`,
      title: `${CATEGORIES[Math.floor(i / PER_CATEGORY)]} ${i}`,
      categories: ['Outdoor', CATEGORIES[Math.floor(i / PER_CATEGORY)]!],
      price: 10 + (i % PER_CATEGORY) * 5,
      image: `/img/p-${i}.jpg`,
      url: `/p/${i}`,
      inStock: i % PER_CATEGORY !== PER_CATEGORY - 1,
      tags: [],
    })),
  };
}

/**
 * Logs where each shopper stays in one category and walks it in order (item k, then k + 1, with
 * a purchase now and then), so the next item is predictable. A fixed linear congruential
 * sequence keeps the file identical on every run.
 */
export function testInteractions(users = 160): string {
  let seed = 12345;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const rows = ['user,item,timestamp,event'];
  let ts = 1_700_000_000;
  for (let u = 0; u < users; u++) {
    const c = Math.floor(random() * CATEGORIES.length);
    const start = Math.floor(random() * PER_CATEGORY);
    const length = 3 + Math.floor(random() * 4);
    for (let k = 0; k < length; k++) {
      ts += 1 + Math.floor(random() * 600);
      const item = c * PER_CATEGORY + ((start + k) % PER_CATEGORY);
      rows.push(`u${u},p-${item},${ts},${random() < 0.15 ? 'purchase' : 'view'}`);
    }
  }
  return `${rows.join('\n')}\n`;
}
