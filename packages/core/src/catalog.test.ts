import { describe, expect, it } from 'vitest';
import { InsituError } from './errors.ts';
import { MAX_CATALOG_ITEMS, validateCatalog } from './catalog.ts';

/** The InsituError validateCatalog throws for this input. */
function failure(json: unknown): InsituError {
  try {
    validateCatalog(json);
  } catch (e) {
    expect(e).toBeInstanceOf(InsituError);
    return e as InsituError;
  }
  throw new Error(`expected ${JSON.stringify(json)?.slice(0, 80)} to be rejected`);
}

describe('validateCatalog', () => {
  it('normalises ids to strings and fills defaults', () => {
    const c = validateCatalog({
      version: 'v1',
      currency: 'EUR',
      items: [
        {
          id: 1,
          title: 'Tent',
          categories: ['Outdoor', 'Tents'],
          price: 120,
          brand: 'B',
          tags: ['2p'],
        },
        { id: 'b', title: 'Mug', inStock: false, image: '/m.svg', description: null },
      ],
    });
    expect(c.version).toBe('v1');
    expect(c.currency).toBe('EUR');
    expect(c.items[0]).toEqual({
      id: '1',
      title: 'Tent',
      categories: ['Outdoor', 'Tents'],
      price: 120,
      brand: 'B',
      tags: ['2p'],
      inStock: true,
    });
    expect(c.items[1]).toEqual({
      id: 'b',
      title: 'Mug',
      categories: [],
      tags: [],
      inStock: false,
      image: '/m.svg',
    });
  });

  it('accepts a bare array of items', () => {
    expect(validateCatalog([{ id: 'a', title: 'A' }]).items).toHaveLength(1);
  });

  it('names the offending field', () => {
    const cases: [unknown, string][] = [
      [null, 'catalog'],
      [{}, 'items'],
      [{ items: [1] }, 'items[0]'],
      [{ items: [{ title: 'x' }] }, 'items[0].id'],
      [{ items: [{ id: ' ', title: 'x' }] }, 'items[0].id'],
      [{ items: [{ id: Number.NaN, title: 'x' }] }, 'items[0].id'],
      [
        {
          items: [
            { id: 'a', title: 'x' },
            { id: 'a', title: 'y' },
          ],
        },
        'items[1].id',
      ],
      [{ items: [{ id: 'a', title: 'x' }, { id: 'b' }] }, 'items[1].title'],
      [{ items: [{ id: 'a', title: 'x', price: -1 }] }, 'items[0].price'],
      [{ items: [{ id: 'a', title: 'x', price: '3' }] }, 'items[0].price'],
      [{ items: [{ id: 'a', title: 'x', price: Infinity }] }, 'items[0].price'],
      [{ items: [{ id: 'a', title: 'x', inStock: 'yes' }] }, 'items[0].inStock'],
      [{ items: [{ id: 'a', title: 'x', categories: 'Tents' }] }, 'items[0].categories'],
      [{ items: [{ id: 'a', title: 'x', tags: [1] }] }, 'items[0].tags'],
      [{ items: [{ id: 'a', title: 'x', brand: 3 }] }, 'items[0].brand'],
      [{ items: [], version: 2 }, 'catalog.version'],
    ];
    for (const [json, field] of cases) {
      const e = failure(json);
      expect(e.code, field).toBe('invalid_catalog');
      expect(e.field).toBe(field);
    }
  });

  it('refuses catalogs over the size cap', () => {
    const items = Array.from({ length: MAX_CATALOG_ITEMS + 1 }, (_, i) => ({ id: i, title: 't' }));
    expect(failure({ items }).field).toBe('items');
  });
});
