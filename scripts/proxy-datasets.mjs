#!/usr/bin/env node
// Proxy data sets for shop shapes we cannot share (issue 11), written under OUT (default
// /tmp/insitu-proxies) in the format of ../shared/data/README.md:
//   sessions/          online-retail's invoices as anonymous sessions (items.csv kept)
//   sessions-no-items/ the same without items.csv
//   long/              simulated shoppers with long, dense histories (median ~65 items), all rating
//                      rows, no items.csv (titles of 12 generated categories would be a give-away)
//   browsing/          simulated anonymous browsing sessions at scale (~33k sessions, 8,000 items,
//                      ~26 views per item), product views only, no items.csv
// usage: node scripts/proxy-datasets.mjs [--shared DIR] [--out DIR]
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { register } from 'tsx/esm/api';

register();
const { generateCatalog, randomPersonas, simulateShoppers, createRng } =
  await import('../test/personas/index.ts');

const { values } = parseArgs({
  options: {
    shared: { type: 'string', default: resolve(import.meta.dirname, '../../shared/data') },
    out: { type: 'string', default: '/tmp/insitu-proxies' },
  },
});

const header = 'user,item,timestamp,event';
// Rows { user, item, ts } as interactions.csv, in time order (sorts `rows` in place).
const write = (dir, rows, event) => {
  rows.sort((a, b) => a.ts - b.ts);
  const csv = rows.map((r) => `${r.user},${r.item},${r.ts},${event}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'interactions.csv'), [header, ...csv].join('\n') + '\n');
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? 0;

// Sessions: rows of one customer sharing a timestamp are one invoice; each invoice becomes its own
// user (no identity across visits). A click stream has one moment per event, so the invoice's
// lines, in file order, are a minute apart. Sessions under 2 distinct items are dropped (the
// eval keeps users with 3 or more: train, validation and test item).
function sessions() {
  const src = join(values.shared, 'online-retail');
  const lines = readFileSync(join(src, 'interactions.csv'), 'utf8').trim().split('\n').slice(1);
  const byInvoice = new Map();
  for (const line of lines) {
    const [user, item, ts] = line.split(',');
    const key = `${user}@${ts}`;
    let s = byInvoice.get(key);
    if (s === undefined) byInvoice.set(key, (s = { ts: Number(ts), items: [] }));
    if (!s.items.includes(item)) s.items.push(item);
  }
  const rows = [];
  const sizes = [];
  let n = 0;
  for (const s of byInvoice.values()) {
    if (s.items.length < 2) continue;
    n++;
    sizes.push(s.items.length);
    s.items.forEach((item, k) => rows.push({ user: `s${n}`, item, ts: s.ts + 60 * k }));
  }
  write(join(values.out, 'sessions'), rows, 'view');
  copyFileSync(join(src, 'items.csv'), join(values.out, 'sessions', 'items.csv'));
  write(join(values.out, 'sessions-no-items'), rows, 'view');
  const eligible = sizes.filter((k) => k >= 3).length;
  console.log(
    `sessions: ${n} sessions, ${rows.length} rows, median ${median(sizes)} items, ${eligible} with ≥ 3`,
  );
}

// Long histories: the persona simulator (category tastes, price bands, Zipf popularity within a
// category, "the next item on the shelf" browsing) over a MovieLens-100k-sized shop (1,682 items,
// 943 users), with visits and views scaled so the median shopper sees ~65 distinct items. Every
// shopper's first contact with an item becomes one rating row (dense explicit feedback, no
// view/cart/purchase funnel), at the moment of that contact.
function long() {
  const catalog = generateCatalog(11, 1682);
  const personas = randomPersonas(createRng(13), 943).map((p) => ({
    ...p,
    visitEveryDays: 1 + p.visitEveryDays / 3,
    viewsPerVisit: 4 + p.viewsPerVisit,
    stray: 0.25,
  }));
  const shoppers = simulateShoppers(catalog, personas, {
    seed: 17,
    start: Date.UTC(2026, 0, 1),
    days: 30,
  });
  const rows = [];
  const sizes = [];
  for (const s of shoppers) {
    const seen = new Set();
    for (const e of s.events) {
      const id = e.properties['product_id'];
      if (typeof id !== 'string' || seen.has(id)) continue;
      seen.add(id);
      rows.push({ user: s.id, item: id, ts: Math.floor(e.timestamp / 1000) });
    }
    if (seen.size > 0) sizes.push(seen.size);
  }
  write(join(values.out, 'long'), rows, 'rating');
  console.log(
    `long: ${sizes.length} users, ${new Set(rows.map((r) => r.item)).size} items, ${rows.length} rows, median ${median(sizes)} items per user`,
  );
}

// Anonymous browsing at scale: the persona simulator over an 8,000-item shop for 4,000 shoppers and
// 30 days; every visit (views more than 30 minutes apart start a new one) becomes its own user, and
// each of its distinct product views one row. The sessions proxy above is an invoice log of 1,510
// sessions; this one has the size and sparsity of a shop's click stream.
function browsing() {
  const catalog = generateCatalog(23, 8000);
  const personas = randomPersonas(createRng(29), 4000);
  const shoppers = simulateShoppers(catalog, personas, {
    seed: 31,
    start: Date.UTC(2026, 0, 1),
    days: 30,
  });
  const rows = [];
  const sizes = [];
  let n = 0;
  for (const s of shoppers) {
    let last = -Infinity;
    let seen = new Set();
    for (const e of s.events) {
      const id = e.properties['product_id'];
      if (e.event !== 'Product Viewed' || typeof id !== 'string') continue;
      const ts = Math.floor(e.timestamp / 1000);
      if (ts - last > 1800) {
        if (seen.size > 0) sizes.push(seen.size);
        seen = new Set();
        n++;
      }
      last = ts;
      if (seen.has(id)) continue;
      seen.add(id);
      rows.push({ user: `b${n}`, item: id, ts });
    }
    if (seen.size > 0) sizes.push(seen.size);
  }
  write(join(values.out, 'browsing'), rows, 'view');
  console.log(
    `browsing: ${n} sessions, ${new Set(rows.map((r) => r.item)).size} items, ${rows.length} rows, median ${median(sizes)} items, ${sizes.filter((k) => k >= 3).length} with ≥ 3`,
  );
}

sessions();
long();
browsing();
