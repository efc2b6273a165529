import { describe, expect, it } from 'vitest';
import { mirrorOf } from './segment.ts';

describe('mirrorOf (Segment calls → insitu events)', () => {
  it('mirrors e-commerce track calls as they are, and nothing else', () => {
    const props = { product_id: 'p1', price: 3 };
    expect(mirrorOf('track', ['Product Added', props, {}, () => 0])).toEqual([
      'Product Added',
      props,
    ]);
    expect(mirrorOf('track', ['Cart Viewed'])).toEqual(['Cart Viewed', {}]);
    expect(mirrorOf('track', ['Signed Up', { email: 'a@b.c' }])).toBeUndefined();
    expect(mirrorOf('identify', ['u1', { email: 'a@b.c' }])).toBeUndefined();
    expect(mirrorOf('track', [42])).toBeUndefined();
  });

  it('records a page call only when it names a product or a list', () => {
    expect(mirrorOf('page', ['Shop', 'Tee', { product_id: 'p1', title: 'T' }])).toEqual([
      'Product Viewed',
      { product_id: 'p1' },
    ]);
    expect(mirrorOf('page', [{ list_id: 'outerwear', category: 'Outerwear' }])).toEqual([
      'Product List Viewed',
      { list_id: 'outerwear', category: 'Outerwear' },
    ]);
    expect(mirrorOf('page', ['Home'])).toBeUndefined();
    expect(mirrorOf('page', ['Docs', { category: 'Docs', path: '/docs' }])).toBeUndefined();
    // The snippet's page context object is not the call's properties.
    expect(mirrorOf('page', [{ __t: 'bpc', p: '/x', product_id: 'no' }])).toBeUndefined();
  });
});
