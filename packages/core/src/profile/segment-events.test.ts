// One test per event of the Segment e-commerce v2 spec: payloads as the spec documents them
// (ids changed to this catalog's), each asserting the effect the README's event table promises.
import '../sentiment-entry.ts';
import { describe, expect, it } from 'vitest';
import type { Catalog } from '../catalog.ts';
import { EVENT_MEANINGS } from '../event-meaning.ts';
import { STANDARD_EVENTS, type StoredEvent } from '../events.ts';
import type { JsonObject } from '../json.ts';
import { itemsOf } from '../validate-event.ts';
import { matchAudiences } from './audiences.ts';
import { buildCatalogIndex } from './catalog-index.ts';
import { foldEvent } from './fold.ts';
import { buildProfile, type Profile } from './profile.ts';
import { createProfileState, type ProfileState } from './state.ts';

const catalog: Catalog = {
  currency: 'USD',
  items: [
    {
      id: 'p1',
      title: 'Monopoly: 3rd Edition',
      categories: ['Games'],
      brand: 'Hasbro',
      price: 19,
      inStock: true,
      tags: [],
    },
    {
      id: 'p2',
      title: 'Uno Card Game',
      categories: ['Games'],
      brand: 'Mattel',
      price: 3,
      inStock: true,
      tags: [],
    },
    {
      id: 'p3',
      title: 'Storm parka',
      categories: ['Apparel', "Men's Outerwear"],
      brand: 'Peakline',
      price: 120,
      inStock: true,
      tags: [],
    },
    {
      id: 'p4',
      title: 'Rain shell',
      categories: ['Apparel', "Men's Outerwear"],
      brand: 'Peakline',
      price: 20,
      inStock: true,
      tags: [],
    },
    {
      id: 'p5',
      title: 'Standing desk',
      categories: ['Home Office'],
      brand: 'Deskwell',
      price: 300,
      inStock: true,
      tags: [],
    },
  ],
};
const index = buildCatalogIndex(catalog);
const T0 = Date.UTC(2026, 5, 1, 12);
let n = 0;

function ev(name: string, props: JsonObject, ts = T0 + n * 1000): StoredEvent {
  n += 1;
  return { id: `e${n}`, name, props, ts, items: itemsOf(props) };
}
function fold(...events: StoredEvent[]): ProfileState {
  const s = createProfileState();
  for (const e of events) foldEvent(s, e, index);
  return s;
}
const profile = (s: ProfileState): Profile => buildProfile(s, index, (s.lastTs ?? T0) + 1000);
const cat = (p: Profile, id: string) =>
  p.affinities.categories.find((a) => a.id === id)?.score ?? 0;
const brand = (s: ProfileState, id: string) => (Object.hasOwn(s.brands, id) ? s.brands[id]!.v : 0);
const cart = (s: ProfileState) => s.shopper.cart.map((l) => [l.id, l.quantity]);

const monopoly = {
  product_id: 'p1',
  sku: 'G-32',
  category: 'Games',
  name: 'Monopoly: 3rd Edition',
  brand: 'Hasbro',
  variant: '200 pieces',
  price: 18.99,
  quantity: 1,
  coupon: 'MAYDEALS',
  position: 3,
  url: 'https://www.example.com/product/path',
  image_url: 'https://www.example.com/product/path.jpg',
};
const order = (id: string, products: JsonObject[], extra: JsonObject = {}) => ({
  checkout_id: 'fksdjfsdjfisjf9sdfjsd9f',
  order_id: id,
  affiliation: 'Google Store',
  total: 27.5,
  subtotal: 22.5,
  revenue: 25.0,
  shipping: 3,
  tax: 2,
  discount: 2.5,
  coupon: 'hasbros',
  currency: 'USD',
  products,
  ...extra,
});

describe('the meaning table', () => {
  it('gives every event of the spec (and the recommendation events) a meaning', () => {
    for (const name of STANDARD_EVENTS) expect(EVENT_MEANINGS.has(name), name).toBe(true);
    expect(STANDARD_EVENTS).toHaveLength(30);
  });
});

describe('Segment e-commerce v2 events', () => {
  it('Products Searched: the query terms the catalog knows become interest tags', () => {
    const p = profile(fold(ev('Products Searched', { query: 'blue monopoly' })));
    expect(p.affinities.tags.map((t) => t.id)).toContain('monopoly');
    expect(p.session.searches).toBe(1);
  });

  it('Product List Viewed: the list category counts in the catalog spelling only', () => {
    const p = profile(
      fold(
        ev('Product List Viewed', {
          list_id: 'hot_deals_1',
          category: 'mens_outerwear',
          products: [
            { product_id: 'p3', position: 1 },
            { product_id: 'p4', position: 2 },
          ],
        }),
        ev('Product List Viewed', { list_id: 'x', category: 'Not A Category' }),
      ),
    );
    const ids = p.affinities.categories.map((c) => c.id);
    expect(ids).toContain("Men's Outerwear");
    expect(ids).not.toContain('mens_outerwear');
    expect(ids).not.toContain('Not A Category');
  });

  it('Product List Filtered: brand and category filters are interest; price ascending is thrift', () => {
    const s = fold(
      ev('Product List Filtered', {
        list_id: 'todays_deals_may_11_2016',
        filters: [
          { type: 'brand', value: 'peakline' },
          { type: 'category', value: 'home-office' },
          { type: 'brand', value: 'Unknown Brand' },
        ],
        sorts: [{ type: 'price', value: 'asc' }],
        products: [{ product_id: 'p4', price: 20, position: 1 }],
      }),
    );
    expect(brand(s, 'Peakline')).toBeGreaterThan(1);
    expect(brand(s, 'Unknown Brand')).toBe(0);
    expect(cat(profile(s), 'Home Office')).toBeGreaterThan(0);
    expect(s.price.cheapSorts).toBe(1);
  });

  it('Promotion Viewed / Clicked: promotion interests that audiences can read', () => {
    const promo = {
      promotion_id: 'promo_1',
      creative: 'top_banner_2',
      name: '75% store-wide shoe sale',
      position: 'home_banner_top',
    };
    const viewed = profile(fold(ev('Promotion Viewed', promo)));
    expect(viewed.promotions).toEqual([{ id: 'promo_1', score: 0.25 }]);
    const clicked = profile(fold(ev('Promotion Viewed', promo), ev('Promotion Clicked', promo)));
    expect(clicked.promotions[0]).toEqual({ id: 'promo_1', score: 1 });
    const audiences = [{ id: 'shoe-sale', all: [{ metric: 'promotion:promo_1', gte: 0.5 }] }];
    expect(matchAudiences(viewed, audiences)).toEqual([]);
    expect(matchAudiences(clicked, audiences).map((a) => a.id)).toEqual(['shoe-sale']);
  });

  it('Product Clicked: interest, and a view in the history the model reads', () => {
    const s = fold(ev('Product Clicked', monopoly));
    expect(s.counts.click).toBe(1);
    expect(s.shopper.history).toEqual([{ id: 'p1', ts: expect.any(Number), kind: 'view' }]);
    expect(cat(profile(s), 'Games')).toBe(1);
  });

  it('Product Viewed: categories, brand and price come from the catalog, not the event', () => {
    const s = fold(
      ev('Product Viewed', { ...monopoly, category: 'Toys', brand: 'Other', price: 1 }),
    );
    const p = profile(s);
    expect(p.affinities.categories.map((c) => c.id)).toEqual(['Games']);
    expect(p.affinities.brands.map((b) => b.id)).toEqual(['Hasbro']);
    expect(s.price.p / s.price.w).toBe(19);
  });

  it('Product Added / Removed: the cart with quantities', () => {
    const added = fold(
      ev('Product Added', { cart_id: 'skdjsidjsdkdj29j', ...monopoly, quantity: 2 }),
    );
    expect(cart(added)).toEqual([['p1', 2]]);
    expect(profile(added).session.cartValue).toBe(38); // the catalog's price
    const one = fold(
      ev('Product Added', { ...monopoly, quantity: 2 }),
      ev('Product Removed', { ...monopoly, quantity: 1 }),
    );
    expect(cart(one)).toEqual([['p1', 1]]);
    const none = fold(ev('Product Added', monopoly), ev('Product Removed', { product_id: 'p1' }));
    expect(cart(none)).toEqual([]);
    expect(brand(none, 'Hasbro')).toBeLessThan(brand(added, 'Hasbro'));
  });

  it('Cart Viewed: the page lists the whole cart', () => {
    const s = fold(
      ev('Product Added', { product_id: 'p5' }),
      ev('Cart Viewed', {
        cart_id: 'd92jd29jd92jd29j92d92jd',
        products: [
          { ...monopoly, quantity: 2 },
          { product_id: 'p2', quantity: 1 },
        ],
      }),
    );
    expect(cart(s)).toEqual([
      ['p1', 2],
      ['p2', 1],
    ]);
  });

  it('Checkout Started, Checkout Step Viewed / Completed, Payment Info Entered: the funnel', () => {
    for (const [name, props] of [
      ['Checkout Started', order('50314b8e9bcf000000000000', [monopoly])],
      [
        'Checkout Step Viewed',
        { checkout_id: '50314b8e', step: 2, shipping_method: 'Fedex', payment_method: 'Visa' },
      ],
      [
        'Checkout Step Completed',
        { checkout_id: '50314b8e', step: 2, shipping_method: 'Fedex', payment_method: 'Visa' },
      ],
      [
        'Payment Info Entered',
        {
          checkout_id: '39f39fj39f3jf93fj9fj39fj3f',
          order_id: 'dkfsjidfjsdifsdfksdjfkdsfjsdfkdsf',
          step: 2,
          shipping_method: 'Fedex',
          payment_method: 'Visa',
        },
      ],
    ] as [string, JsonObject][]) {
      const before = profile(fold(ev('Product Added', { product_id: 'p2' })));
      const after = profile(fold(ev('Product Added', { product_id: 'p2' }), ev(name, props)));
      expect(after.intent.stage, name).toBe('buying');
      expect(after.intent.purchase, name).toBeGreaterThan(before.intent.purchase);
    }
  });

  it('Order Completed: an order with its revenue and purchases; the buying intent ends', () => {
    const s = fold(
      ev('Product Added', monopoly),
      ev('Checkout Started', order('o1', [monopoly])),
      ev('Order Completed', order('o1', [monopoly])),
    );
    const p = profile(s);
    expect(s.orders).toMatchObject({ count: 1, revenue: 25 });
    expect(cart(s)).toEqual([]);
    expect(p.intent.stage).not.toBe('buying');
    expect(s.shopper.history.at(-1)).toMatchObject({ id: 'p1', kind: 'purchase' });
    expect(s.price.deals).toBe(1);
  });

  it('Order Updated: replaces the order (revenue and purchases)', () => {
    const s = fold(
      ev('Order Completed', order('o2', [monopoly], { revenue: 19 })),
      ev('Order Updated', order('o2', [{ product_id: 'p2', quantity: 2 }], { revenue: 6 })),
    );
    expect(s.orders).toMatchObject({ count: 1, revenue: 6 });
    expect(brand(s, 'Hasbro')).toBeCloseTo(0, 9);
    expect(brand(s, 'Mattel')).toBeGreaterThan(5);
    // An update of an order never seen creates none.
    expect(fold(ev('Order Updated', order('nope', [monopoly]))).orders.count).toBe(0);
  });

  it('Order Refunded: a full refund reverses monetary value, the order and its purchases', () => {
    const bought = fold(
      ev('Product Viewed', { product_id: 'p2' }),
      ev('Order Completed', order('o3', [monopoly])),
    );
    const refunded = fold(
      ev('Product Viewed', { product_id: 'p2' }),
      ev('Order Completed', order('o3', [monopoly])),
      ev('Order Refunded', { order_id: 'o3', total: 30, currency: 'USD', products: [] }),
    );
    expect(bought.orders).toMatchObject({ count: 1, revenue: 25 });
    expect(refunded.orders).toMatchObject({ count: 0, revenue: 0 });
    expect(brand(refunded, 'Hasbro')).toBeCloseTo(0, 9);
    expect(profile(refunded).rfm.monetary).toBe(0);
    expect(refunded.shopper.orders[0]!.status).toBe('refunded');
  });

  it('Order Refunded listing products reverses those only', () => {
    const s = fold(
      ev(
        'Order Completed',
        order('o4', [monopoly, { product_id: 'p2', price: 3, quantity: 1 }], { revenue: 22 }),
      ),
      ev('Order Refunded', { order_id: 'o4', products: [{ product_id: 'p2' }] }),
    );
    expect(s.orders).toMatchObject({ count: 1, revenue: 19 });
    expect(brand(s, 'Mattel')).toBeCloseTo(0, 9);
    expect(brand(s, 'Hasbro')).toBeGreaterThan(4);
  });

  it('Order Cancelled: reverses the whole order', () => {
    const s = fold(
      ev('Order Completed', order('o5', [monopoly])),
      ev('Order Cancelled', order('o5', [monopoly])),
    );
    expect(s.orders).toMatchObject({ count: 0, revenue: 0 });
    expect(brand(s, 'Hasbro')).toBeCloseTo(0, 9);
    expect(s.shopper.orders[0]!.status).toBe('cancelled');
  });

  it('Coupon Entered / Applied / Denied are deal seeking; Coupon Removed is not', () => {
    const c = {
      order_id: '50314b8e9bcf000000000000',
      cart_id: '923923929jd29jd92dj9j93fj3',
      coupon_id: 'may_deals_2016',
    };
    expect(fold(ev('Coupon Entered', c)).price.coupons).toBe(1);
    expect(
      fold(ev('Coupon Applied', { ...c, coupon_name: 'May Deals 2016', discount: 23.32 })).price
        .coupons,
    ).toBe(1);
    expect(
      fold(ev('Coupon Denied', { ...c, coupon_name: 'May Deals 2016', reason: 'Coupon expired' }))
        .price.coupons,
    ).toBe(1);
    expect(
      fold(ev('Coupon Removed', { ...c, coupon_name: 'May Deals 2016', discount: 23.32 })).price
        .coupons,
    ).toBe(0);
    const hunter = profile(fold(ev('Coupon Entered', c), ev('Coupon Denied', c)));
    expect(hunter.segments.map((x) => x.id)).toContain('bargain-hunter');
    expect(profile(fold(ev('Coupon Entered', c))).segments.map((x) => x.id)).not.toContain(
      'bargain-hunter',
    );
  });

  it('Product Added to Wishlist is strong interest; Removed from Wishlist undoes it', () => {
    const w = { wishlist_id: 'skdjsidjsdkdj29j', wishlist_name: 'Loved Games', ...monopoly };
    const wished = fold(ev('Product Added to Wishlist', w));
    expect(brand(wished, 'Hasbro')).toBe(4);
    expect(brand(wished, 'Hasbro')).toBeGreaterThan(
      brand(fold(ev('Product Viewed', monopoly)), 'Hasbro'),
    );
    expect(wished.shopper.wishlist.map((x) => x.id)).toEqual(['p1']);
    const undone = fold(
      ev('Product Added to Wishlist', w),
      ev('Product Removed from Wishlist', w, T0 + 86_400_000),
    );
    expect(brand(undone, 'Hasbro')).toBeCloseTo(0, 9);
    expect(undone.shopper.wishlist).toEqual([]);
  });

  it('Wishlist Product Added to Cart is a cart add', () => {
    const s = fold(
      ev('Wishlist Product Added to Cart', { wishlist_id: 'x', cart_id: 'y', ...monopoly }),
    );
    expect(cart(s)).toEqual([['p1', 1]]);
    expect(s.counts.add).toBe(1);
  });

  it('Product Shared and Cart Shared are interest', () => {
    const share = {
      share_via: 'email',
      share_message: 'Hey, check out this item',
      recipient: 'friend@example.com',
    };
    expect(brand(fold(ev('Product Shared', { ...share, ...monopoly })), 'Hasbro')).toBe(2);
    const cartShared = fold(
      ev('Cart Shared', {
        ...share,
        cart_id: 'd92jd29jd92jd29j92d92jd',
        products: [{ product_id: 'p3' }, { product_id: 'p5' }],
      }),
    );
    expect(brand(cartShared, 'Peakline')).toBe(1);
    expect(brand(cartShared, 'Deskwell')).toBe(1);
  });

  it('Product Reviewed: the spec types rating as a String; sentiment from text and rating', () => {
    const s = fold(
      ev('Product Reviewed', {
        product_id: 'p1',
        review_id: 'kdfjrj39fj39jf3',
        review_body: 'I love this product',
        rating: '5',
      }),
    );
    const p = profile(s);
    expect(p.sentiment.reviews).toBe(1);
    expect(p.sentiment.score).toBeGreaterThan(0.5);
    expect(brand(s, 'Hasbro')).toBeGreaterThan(0);
    expect(s.shopper.history[0]).toMatchObject({ id: 'p1', kind: 'rating' });
  });

  it('Recommendation Shown changes no interest; Recommendation Clicked counts as a click', () => {
    const shown = fold(ev('Recommendation Shown', { products: [{ product_id: 'p1' }] }));
    expect(shown.brands).toEqual({});
    const clicked = fold(ev('Recommendation Clicked', { product_id: 'p1' }));
    expect(clicked.counts.click).toBe(1);
  });
});

describe('names from the page never reach Object.prototype', () => {
  const names = Object.getOwnPropertyNames(Object.prototype);

  it('tracking every Object.prototype name as an event leaves the profile unchanged', () => {
    const base = [ev('Product Viewed', monopoly), ev('Product Added', { product_id: 'p3' })];
    const plain = profile(fold(...base));
    const s = fold(...base);
    for (const name of names) foldEvent(s, ev(name, { product_id: 'p2', category: name }), index);
    const after = profile(s);
    expect(after.affinities).toEqual(plain.affinities);
    expect(after.segments.filter((x) => x.kind === 'rule').map((x) => x.id)).toEqual(
      plain.segments.filter((x) => x.kind === 'rule').map((x) => x.id),
    );
    expect(s.shopper.cart).toEqual([{ id: 'p3', quantity: 1 }]);
    expect(Object.getPrototypeOf(s.categories)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('prototype names as product ids, categories, promotions and filters are plain keys', () => {
    const s = createProfileState();
    for (const name of names) {
      foldEvent(s, ev('Product Viewed', { product_id: name, category: name, brand: name }), index);
      foldEvent(s, ev('Promotion Clicked', { promotion_id: name }), index);
      foldEvent(s, ev('Product Added', { product_id: name }), index);
      foldEvent(
        s,
        ev('Product List Filtered', { filters: [{ type: 'brand', value: name }] }),
        index,
      );
    }
    const p = profile(s);
    expect(p.promotions.map((x) => x.id).sort()).toEqual([...names].sort());
    expect(s.shopper.cart.map((l) => l.id).sort()).toEqual([...names].sort());
    expect(Object.hasOwn(s.brands, '__proto__')).toBe(true);
    expect(typeof Object.prototype.toString).toBe('function');
    expect(JSON.parse(JSON.stringify(s))).toEqual(JSON.parse(JSON.stringify(s)));
  });
});
