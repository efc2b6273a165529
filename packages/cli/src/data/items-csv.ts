import type { ItemMeta } from '@insitu/core';
import { headerIndex, readCsv } from './csv.ts';
import { badRow } from './lines.ts';

/**
 * Reads `item,title,categories,price` (header required; only `item` is mandatory; categories are
 * separated by `|`; quoted fields may hold commas). Returns metadata by item id in file order.
 */
export async function readItemsCsv(path: string): Promise<Map<string, ItemMeta>> {
  const items = new Map<string, ItemMeta>();
  let header: ReturnType<typeof headerIndex<'item', 'title' | 'categories' | 'price'>> | undefined;
  for await (const record of readCsv(path)) {
    if (header === undefined) {
      header = headerIndex(path, record, ['item'], ['title', 'categories', 'price']);
      continue;
    }
    const f = record.fields;
    const id = f[header.item]?.trim() ?? '';
    if (id === '') throw badRow(path, record.line, 'empty item.');
    if (items.has(id)) throw badRow(path, record.line, `item "${id}" is listed twice.`);
    const meta: ItemMeta = { categories: [] };
    const title = header.title === undefined ? '' : (f[header.title]?.trim() ?? '');
    if (title !== '') meta.title = title;
    const categories = header.categories === undefined ? '' : (f[header.categories] ?? '');
    meta.categories = categories
      .split('|')
      .map((c) => c.trim())
      .filter((c) => c !== '');
    const priceText = header.price === undefined ? '' : (f[header.price]?.trim() ?? '');
    if (priceText !== '') {
      const price = Number(priceText);
      if (!Number.isFinite(price) || price < 0) {
        throw badRow(path, record.line, `price "${priceText}" must be a non-negative number.`);
      }
      meta.price = price;
    }
    items.set(id, meta);
  }
  if (header === undefined) headerIndex(path, undefined, ['item']);
  return items;
}
