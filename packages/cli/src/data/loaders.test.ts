import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InsituError } from '@insitu/core';
import { loadDataset, loadDatasetDir, splitCsv } from './index.ts';

const dir = mkdtempSync(join(tmpdir(), 'insitu-data-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const failure = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (error) {
    return error as InsituError;
  }
  throw new Error('expected a failure');
};

describe('splitCsv', () => {
  it('handles quotes, escaped quotes and commas inside quotes', () => {
    expect(splitCsv('1,"Soap, lavender ""XL""",a|b,2.5')).toEqual([
      '1',
      'Soap, lavender "XL"',
      'a|b',
      '2.5',
    ]);
    expect(splitCsv('1,"open')).toBeUndefined();
    expect(splitCsv(',,')).toEqual(['', '', '']);
  });
});

describe('interactions.csv', () => {
  it('builds the vocabulary and per-user histories sorted stably by time', async () => {
    file(
      'interactions.csv',
      'user,item,timestamp,event\r\nu1,A,5,view\nu2,B,1,purchase\nu1,C,2,cart\nu1,B,5,rating\n\nu1,A,1,view\n',
    );
    file(
      'items.csv',
      'item,title,categories,price\nB,"Brush, round",Tools|Brushes,3.5\nZ,Unsold,,\n',
    );
    const ds = await loadDatasetDir(dir);
    expect(ds.itemIds).toEqual(['A', 'B', 'C', 'Z']);
    expect(ds.itemIndex.get('Z')).toBe(3);
    expect(ds.userIds).toEqual(['u1', 'u2']);
    expect(ds.interactions).toBe(5);
    // ts 5 twice for u1: A (line 2) before B (line 5); A at ts 1 sorts first.
    expect(ds.sequences[0]!.map((e) => `${ds.itemIds[e.item]}@${e.ts}:${e.kind}`)).toEqual([
      'A@1:view',
      'C@2:cart',
      'A@5:view',
      'B@5:rating',
    ]);
    expect(ds.items?.[1]).toEqual({
      title: 'Brush, round',
      categories: ['Tools', 'Brushes'],
      price: 3.5,
    });
    expect(ds.items?.[0]).toEqual({ categories: [] });
  });

  it('names the file and line of a bad row', async () => {
    const path = file('bad.csv', 'user,item,timestamp,event\nu,1,1,view\nu,2,1,clicked\n');
    const error = await failure(loadDataset({ events: [path] }));
    expect(error).toBeInstanceOf(InsituError);
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain(`${path}:3`);
    expect(error.message).toContain('clicked');
  });

  it('rejects bad timestamps, missing columns and missing files', async () => {
    const ts = file('ts.csv', 'user,item,timestamp\nu,1,yesterday\n');
    expect((await failure(loadDataset({ events: [ts] }))).message).toContain(`${ts}:2`);
    const cols = file('cols.csv', 'user,product,timestamp\n');
    expect((await failure(loadDataset({ events: [cols] }))).message).toContain('"item"');
    expect((await failure(loadDataset({ events: [join(dir, 'none.csv')] }))).code).toBe(
      'invalid_input',
    );
  });

  it('accepts ISO dates', async () => {
    const path = file('iso.csv', 'user,item,timestamp\nu,1,2024-01-02T00:00:00Z\nu,2,2024-01-01\n');
    const ds = await loadDataset({ events: [path] });
    expect(ds.sequences[0]!.map((e) => ds.itemIds[e.item])).toEqual(['2', '1']);
  });
});

describe('events JSONL', () => {
  it('maps tracked events to interactions', async () => {
    const lines = [
      { event: 'Product Viewed', properties: { product_id: 'p1' }, timestamp: 1000, userId: 'a' },
      { event: 'Products Searched', properties: { query: 'x' }, timestamp: 1500, userId: 'a' },
      {
        event: 'Product Added',
        properties: { product_id: 'p2' },
        timestamp: '1970-01-01T00:00:02Z',
        userId: 'a',
      },
      {
        event: 'Order Completed',
        properties: { products: [{ product_id: 'p2' }, { product_id: 3 }] },
        timestamp: 3000,
        userId: 'a',
      },
      { event: 'Product Reviewed', properties: { product_id: 'p1' }, timestamp: 4000 },
    ];
    const path = file('events.jsonl', lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const ds = await loadDataset({ events: [path] });
    expect(ds.userIds).toEqual(['a', '-']);
    expect(ds.sequences[0]!.map((e) => `${ds.itemIds[e.item]}:${e.kind}@${e.ts}`)).toEqual([
      'p1:view@1000',
      'p2:cart@2000',
      'p2:purchase@3000',
      '3:purchase@3000',
    ]);
    expect(ds.sequences[1]!.map((e) => e.kind)).toEqual(['rating']);
  });

  it('trains a purchase refunded or cancelled in full as a cart add, as the device keeps it', async () => {
    const jsonl = (name: string, rows: object[]) =>
      file(name, rows.map((r) => JSON.stringify({ userId: 'a', ...r })).join('\n') + '\n');
    const order = (id: string, ts: number, ...ids: string[]) => ({
      event: 'Order Completed',
      properties: { order_id: id, products: ids.map((product_id) => ({ product_id })) },
      timestamp: ts,
    });
    const orders = jsonl('orders.jsonl', [
      order('o1', 1000, 'p1', 'p2'),
      order('o2', 2000, 'p3'),
      order('o3', 3000, 'p4'),
      order('o4', 4000, 'p4'),
      order('o5', 6000, 'p1'),
    ]);
    // In a later file: p1 returned from o1 (bought again in o5 afterwards), o2 cancelled whole,
    // o3 refunded (but o4 still holds p4).
    const refunds = jsonl('refunds.jsonl', [
      {
        event: 'Order Refunded',
        properties: { order_id: 'o1', products: [{ product_id: 'p1' }] },
        timestamp: 5000,
      },
      { event: 'Order Cancelled', properties: { order_id: 'o2' }, timestamp: 5000 },
      { event: 'Order Refunded', properties: { order_id: 'o3' }, timestamp: 5000 },
    ]);
    const ds = await loadDataset({ events: [orders, refunds] });
    expect(ds.sequences[0]!.map((e) => `${ds.itemIds[e.item]}:${e.kind}@${e.ts}`)).toEqual([
      'p1:cart@1000',
      'p2:purchase@1000',
      'p3:cart@2000',
      'p4:purchase@3000',
      'p4:purchase@4000',
      'p1:purchase@6000',
    ]);
  });

  it('names the line of bad JSON or a product without id', async () => {
    const path = file(
      'bad.jsonl',
      '{"event":"Product Viewed","properties":{"product_id":"a"},"timestamp":1}\n{oops\n',
    );
    expect((await failure(loadDataset({ events: [path] }))).message).toContain(`${path}:2`);
    const noId = file('noid.jsonl', '{"event":"Product Viewed","properties":{},"timestamp":1}\n');
    expect((await failure(loadDataset({ events: [noId] }))).message).toContain(`${noId}:1`);
  });
});
