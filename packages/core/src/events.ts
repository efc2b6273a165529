import type { JsonObject } from './json.ts';

/**
 * Every event of the Segment e-commerce v2 spec, plus insitu's own recommendation events. What
 * each one means is in `event-meaning.ts`.
 */
export const STANDARD_EVENTS = [
  'Products Searched',
  'Product List Viewed',
  'Product List Filtered',
  'Promotion Viewed',
  'Promotion Clicked',
  'Product Clicked',
  'Product Viewed',
  'Product Added',
  'Product Removed',
  'Cart Viewed',
  'Checkout Started',
  'Checkout Step Viewed',
  'Checkout Step Completed',
  'Payment Info Entered',
  'Order Updated',
  'Order Completed',
  'Order Refunded',
  'Order Cancelled',
  'Coupon Entered',
  'Coupon Applied',
  'Coupon Denied',
  'Coupon Removed',
  'Product Added to Wishlist',
  'Product Removed from Wishlist',
  'Wishlist Product Added to Cart',
  'Product Shared',
  'Cart Shared',
  'Product Reviewed',
  'Recommendation Shown',
  'Recommendation Clicked',
] as const;

/** One of the standard event names. */
export type StandardEventName = (typeof STANDARD_EVENTS)[number];

/** A product as it appears in `products` arrays (Segment e-commerce v2). */
export interface ProductProps {
  product_id: string;
  sku?: string;
  category?: string;
  name?: string;
  brand?: string;
  variant?: string;
  price?: number;
  quantity?: number;
  coupon?: string;
  position?: number;
  url?: string;
  image_url?: string;
}

/**
 * An event after validation, as the store keeps it. `items` lists every product id the event
 * mentions (indexed, multi-entry), so "events about item X" is one index lookup.
 */
export interface StoredEvent {
  /** Unique per event, made on the main thread: a retried or replayed write cannot store it twice. */
  id: string;
  name: string;
  props: JsonObject;
  /** Milliseconds since the epoch, taken when `track()` was called. */
  ts: number;
  items: string[];
}

/** What `track()` hands to the worker before validation. */
export interface RawEvent {
  id: string;
  name: unknown;
  props: unknown;
  ts: number;
}
