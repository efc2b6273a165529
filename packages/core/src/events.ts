import type { JsonObject } from './json.ts';

/** Segment e-commerce v2 events that insitu understands, plus its own recommendation events. */
export const STANDARD_EVENTS = [
  'Product Viewed',
  'Product Clicked',
  'Product Added',
  'Product Removed',
  'Cart Viewed',
  'Checkout Started',
  'Order Completed',
  'Products Searched',
  'Product List Viewed',
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
