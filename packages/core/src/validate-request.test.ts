import { describe, expect, it } from 'vitest';
import { validateRecommendRequest } from './validate-request.ts';

/** Expects an invalid_request failure naming this field. */
function rejects(input: unknown, field: string) {
  const r = validateRecommendRequest(input);
  expect(r.ok, `expected ${field} to be rejected`).toBe(false);
  if (!r.ok) {
    expect(r.error.code).toBe('invalid_request');
    expect(r.error.field).toBe(field);
    expect(r.error.message.length).toBeGreaterThan(10);
  }
}

describe('validateRecommendRequest rotation', () => {
  it('takes a rate from 0 to 1 and a half-life in hours, nothing else', () => {
    rejects({ strategy: 'for-you', rotation: { rate: 2 } }, 'rotation.rate');
    rejects({ strategy: 'for-you', rotation: { hours: 0 } }, 'rotation.hours');
    rejects({ strategy: 'for-you', rotation: { hours: '24' } }, 'rotation.hours');
    rejects({ strategy: 'for-you', rotation: false }, 'rotation');
    rejects({ strategy: 'for-you', rotation: { speed: 1 } }, 'rotation.speed');
  });
});

describe('validateRecommendRequest accepts', () => {
  it('every documented option, returning a clean copy', () => {
    const input = {
      strategy: 'similar-items',
      limit: 4,
      itemId: 'sku-1',
      filter: { inStock: false, minPrice: 5, maxPrice: 50, categories: ['Run'], brands: ['X'] },
      exclude: { ids: ['a', 7], purchased: false, inCart: true },
      diversity: 0.5,
      context: { category: 'Running' },
      rotation: { rate: 0.3, hours: 12 },
    };
    const r = validateRecommendRequest(input);
    expect(r.ok && r.value).toEqual({ ...input, exclude: { ...input.exclude, ids: ['a', '7'] } });
    expect(r.ok && r.value.filter).not.toBe(input.filter);
    expect(r.ok && r.value.filter?.categories).not.toBe(input.filter.categories);
  });

  it('a bare strategy, numeric item ids, and options explicitly set to undefined', () => {
    expect(validateRecommendRequest({ strategy: 'trending' })).toEqual({
      ok: true,
      value: { strategy: 'trending' },
    });
    const r = validateRecommendRequest({
      strategy: 'bought-together',
      itemId: 12,
      limit: undefined,
    });
    expect(r.ok && r.value).toEqual({ strategy: 'bought-together', itemId: '12' });
    expect(validateRecommendRequest({ strategy: 'for-you', typo: undefined }).ok).toBe(true);
  });
});

describe('validateRecommendRequest rejects, naming the field', () => {
  it('requests that are not plain objects', () => {
    for (const bad of [undefined, null, 5, 'for-you', [], new Map(), () => 1]) {
      rejects(bad, 'request');
    }
  });

  it('bad strategies, limits, item ids and diversity', () => {
    rejects({}, 'strategy');
    rejects({ strategy: 'toString' }, 'strategy');
    rejects({ strategy: 'for-you', limit: 0 }, 'limit');
    rejects({ strategy: 'for-you', limit: 2.5 }, 'limit');
    rejects({ strategy: 'for-you', limit: '8' }, 'limit');
    rejects({ strategy: 'for-you', limit: 101 }, 'limit');
    rejects({ strategy: 'similar-items', itemId: '' }, 'itemId');
    rejects({ strategy: 'similar-items', itemId: { id: 1 } }, 'itemId');
    rejects({ strategy: 'for-you', diversity: 2 }, 'diversity');
    rejects({ strategy: 'for-you', diversity: Number.NaN }, 'diversity');
  });

  it('bad filters, exclusions and context', () => {
    rejects({ strategy: 'for-you', filter: 'cheap' }, 'filter');
    rejects({ strategy: 'for-you', filter: { categories: 5 } }, 'filter.categories');
    rejects({ strategy: 'for-you', filter: { categories: ['a', null] } }, 'filter.categories[1]');
    rejects({ strategy: 'for-you', filter: { brands: 'X' } }, 'filter.brands');
    rejects({ strategy: 'for-you', filter: { minPrice: 'x' } }, 'filter.minPrice');
    rejects({ strategy: 'for-you', filter: { maxPrice: -1 } }, 'filter.maxPrice');
    rejects({ strategy: 'for-you', filter: { minPrice: 9, maxPrice: 3 } }, 'filter.maxPrice');
    rejects({ strategy: 'for-you', filter: { inStock: 'yes' } }, 'filter.inStock');
    rejects({ strategy: 'for-you', exclude: { ids: 'a' } }, 'exclude.ids');
    rejects({ strategy: 'for-you', exclude: { ids: [Symbol('a')] } }, 'exclude.ids[0]');
    rejects({ strategy: 'for-you', exclude: { purchased: 1 } }, 'exclude.purchased');
    rejects({ strategy: 'for-you', context: { category: 3n } }, 'context.category');
    rejects({ strategy: 'for-you', context: 'Running' }, 'context');
    const many = Array.from({ length: 1001 }, (_, i) => `id${i}`);
    rejects({ strategy: 'for-you', exclude: { ids: many } }, 'exclude.ids');
  });

  it('unknown keys, at the top and inside options', () => {
    rejects({ strategy: 'for-you', limt: 3 }, 'limt');
    rejects({ strategy: 'for-you', filter: { category: 'Run' } }, 'filter.category');
    rejects({ strategy: 'for-you', [Symbol('s')]: 1 }, 'Symbol(s)');
    rejects(JSON.parse('{"strategy":"for-you","__proto__":{"limit":1}}'), '__proto__');
  });

  it('never throws, whatever it is given', () => {
    const throwing = {
      get strategy() {
        throw new Error('boom');
      },
    };
    rejects(throwing, 'request');
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    rejects(revoked.proxy, 'request');
    const cyclic: Record<string, unknown> = { strategy: 'for-you' };
    cyclic['filter'] = cyclic;
    rejects(cyclic, 'filter.strategy');
  });
});
