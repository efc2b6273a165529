import { idOf, interactionsOf, meaningOf, type JsonObject, type JsonValue } from '@insitu/core';
import type { DatasetBuilder } from './dataset-builder.ts';
import { badRow, readLines } from './lines.ts';
import { timeOf } from './time.ts';

/** Used when events carry no user: the file is then one shopper's stream (as `insitu profile` takes). */
export const SINGLE_USER = '-';

type Obj = Record<string, unknown>;
/** A user id as core reads product ids (trimmed strings, finite numbers). */
const id = (v: unknown) => idOf(v as JsonValue);
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Streams tracked events, one `{ "event", "properties", "timestamp" }` JSON object per line, into
 * the builder. Which events are interactions, of which kind, with which products, is core's
 * meaning table (`interactionsOf`), the same the device's model reads: Product Viewed / Clicked
 * and Recommendation Clicked → view, Product Added → cart, Order Completed → purchase of each of
 * its `products`, Product Reviewed → rating, and so on; other events are skipped. The user is
 * `userId`, `anonymousId` or `user` when present. Order events also go to the builder, which
 * undoes refunded purchases (`DatasetBuilder.order`). Returns the number of interactions added.
 */
export async function readEventsJsonl(path: string, builder: DatasetBuilder): Promise<number> {
  let added = 0;
  for await (const { text, line } of readLines(path)) {
    if (text.trim() === '') continue;
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      throw badRow(path, line, 'not a JSON object.');
    }
    if (!isObj(raw)) throw badRow(path, line, 'not a JSON object.');
    const name = raw['event'];
    if (typeof name !== 'string') throw badRow(path, line, '"event" must be a string.');
    const meaning = meaningOf(name);
    const kind = meaning?.interaction;
    if (kind === undefined && meaning?.order === undefined) continue;
    const props = raw['properties'] ?? raw['props'] ?? {};
    if (!isObj(props)) throw badRow(path, line, '"properties" must be an object.');
    const ts = timeOf(raw['timestamp']);
    if (Number.isNaN(ts)) throw badRow(path, line, '"timestamp" must be a number or a date.');
    const user = id(raw['userId']) ?? id(raw['anonymousId']) ?? id(raw['user']) ?? SINGLE_USER;
    if (meaning?.order !== undefined) {
      // Orders without an order_id are told apart by their line.
      builder.order(user, {
        id: `${path}:${line}`,
        name,
        props: props as JsonObject,
        ts,
        items: [],
      });
    }
    if (kind === undefined) continue;
    const items = interactionsOf({ name, props: props as JsonObject })?.ids ?? [];
    if (items.length === 0) {
      throw badRow(path, line, `${name} needs "properties.product_id" or "properties.products".`);
    }
    for (const item of items) builder.add(user, item, ts, kind);
    added += items.length;
  }
  return added;
}
