// One payload per event of the Segment e-commerce v2 spec, with every property the spec documents
// for it, typed as the spec types it (e.g. Product Reviewed's rating and Promotion position are
// Strings). Written for insitu's tests from the spec's property tables; values are made up.

const game = {
  product_id: 'prod-1001',
  sku: 'BG-01',
  category: 'Board games',
  name: 'Castle Builder',
  brand: 'Tabletop Co',
  variant: 'Deluxe',
  price: 24.5,
  quantity: 1,
  coupon: 'SPRING10',
  position: 2,
  url: 'https://shop.example/p/prod-1001',
  image_url: 'https://shop.example/img/prod-1001.jpg',
};
const cards = { product_id: 'prod-2002', sku: 'CG-07', name: 'Card Duel', price: 6, quantity: 2 };
const order = {
  order_id: 'order-77',
  affiliation: 'Online store',
  total: 34.1,
  revenue: 30.5,
  shipping: 2.6,
  tax: 1,
  discount: 3,
  coupon: 'SPRING10',
  currency: 'EUR',
  products: [game, cards],
};
const checkoutStep = {
  checkout_id: 'checkout-5',
  step: 2,
  shipping_method: 'Courier',
  payment_method: 'Card',
};
const promotion = {
  promotion_id: 'promo-summer',
  creative: 'hero_banner',
  name: 'Summer sale',
  position: 'home_top',
};
const wishlist = { wishlist_id: 'wl-3', wishlist_name: 'Birthday ideas' };
const share = {
  share_via: 'email',
  share_message: 'Look at this',
  recipient: 'friend@example.org',
};

/** `[event name, properties]` for all 28 events of the spec. */
export const SEGMENT_V2_EXAMPLES: ReadonlyArray<readonly [string, Record<string, unknown>]> = [
  ['Products Searched', { query: 'wooden puzzle' }],
  ['Product List Viewed', { list_id: 'new_in', category: 'Board games', products: [game, cards] }],
  [
    'Product List Filtered',
    {
      list_id: 'new_in',
      category: 'Board games',
      filters: [
        { type: 'players', value: '2-4' },
        { type: 'price', value: 'under-30' },
      ],
      sorts: [{ type: 'price', value: 'asc' }],
      products: [game, cards],
    },
  ],
  ['Promotion Viewed', promotion],
  ['Promotion Clicked', promotion],
  ['Product Clicked', game],
  ['Product Viewed', { ...game, currency: 'EUR', value: 24.5 }],
  ['Product Added', { cart_id: 'cart-9', ...game }],
  ['Product Removed', { cart_id: 'cart-9', ...game }],
  ['Cart Viewed', { cart_id: 'cart-9', products: [game, cards] }],
  ['Checkout Started', { ...order, total: undefined, value: 34.1 }],
  ['Checkout Step Viewed', checkoutStep],
  ['Checkout Step Completed', checkoutStep],
  ['Payment Info Entered', { ...checkoutStep, order_id: 'order-77' }],
  ['Order Updated', order],
  ['Order Completed', { checkout_id: 'checkout-5', ...order, subtotal: 27.5 }],
  ['Order Refunded', { order_id: 'order-77', total: 34.1, currency: 'EUR', products: [cards] }],
  ['Order Cancelled', order],
  ['Coupon Entered', { order_id: 'order-77', cart_id: 'cart-9', coupon_id: 'SPRING10' }],
  [
    'Coupon Applied',
    {
      order_id: 'order-77',
      cart_id: 'cart-9',
      coupon_id: 'SPRING10',
      coupon_name: 'Spring ten',
      discount: 3,
    },
  ],
  [
    'Coupon Denied',
    {
      order_id: 'order-77',
      cart_id: 'cart-9',
      coupon_id: 'OLD5',
      coupon_name: 'Old five',
      reason: 'Expired',
    },
  ],
  [
    'Coupon Removed',
    {
      order_id: 'order-77',
      cart_id: 'cart-9',
      coupon_id: 'SPRING10',
      coupon_name: 'Spring ten',
      discount: 3,
    },
  ],
  ['Product Added to Wishlist', { ...wishlist, ...game }],
  ['Product Removed from Wishlist', { ...wishlist, ...game }],
  ['Wishlist Product Added to Cart', { ...wishlist, cart_id: 'cart-9', ...game }],
  [
    'Product Shared',
    { ...share, ...game, quantity: undefined, coupon: undefined, position: undefined },
  ],
  [
    'Cart Shared',
    { ...share, cart_id: 'cart-9', products: [{ product_id: 'prod-1001' }, { product_id: 7 }] },
  ],
  [
    'Product Reviewed',
    {
      product_id: 'prod-1001',
      review_id: 'rev-12',
      review_body: 'Great fun with the family',
      rating: '5',
    },
  ],
];
