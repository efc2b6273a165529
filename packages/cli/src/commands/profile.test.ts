// Review text is scored with the lexicons (registered on import).
import '@insitu/core/sentiment';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  buildCatalogIndex,
  buildProfile,
  createProfileState,
  foldEvent,
  type Profile,
} from '@insitu/core';
import {
  generateCatalog,
  PERSONAS,
  simulateShoppers,
  toJsonl,
  toStoredEvents,
} from '../../../../test/personas/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'insitu-profile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const bin = join(import.meta.dirname, '../../bin/insitu.mjs');

const catalog = generateCatalog(21, 240);
const [shopper] = simulateShoppers(catalog, [PERSONAS.runner], { seed: 4, days: 60 });
if (shopper === undefined) throw new Error('no shopper');
writeFileSync(join(dir, 'catalog.json'), JSON.stringify(catalog));
writeFileSync(join(dir, 'events.jsonl'), toJsonl(shopper.events));
writeFileSync(
  join(dir, 'audiences.json'),
  JSON.stringify([{ id: 'runners', all: [{ metric: 'category:Running', gte: 0.2 }] }]),
);

const run = (...args: string[]) =>
  execFileSync(process.execPath, [bin, 'profile', ...args], { encoding: 'utf8', stdio: 'pipe' });

describe('insitu profile', () => {
  it('prints the same profile as the core fold, with audiences', () => {
    const out = JSON.parse(
      run(
        '--catalog',
        join(dir, 'catalog.json'),
        '--events',
        join(dir, 'events.jsonl'),
        '--audiences',
        join(dir, 'audiences.json'),
      ),
    ) as Profile & { audiences: { id: string }[] };
    const index = buildCatalogIndex(catalog);
    const state = createProfileState();
    for (const e of toStoredEvents(shopper.events)) foldEvent(state, e, index);
    const expected = buildProfile(state, index, state.lastTs ?? 0);
    expect(out.affinities).toEqual(expected.affinities);
    expect(out.summary).toBe(expected.summary);
    expect(out.intent).toEqual(expected.intent);
    const leaves = out.affinities.categories.filter((c) => !index.parents.has(c.id));
    expect(new Set(leaves.slice(0, 2).map((c) => c.id))).toEqual(
      new Set(PERSONAS.runner.favourites),
    );
    expect(out.audiences.map((a) => a.id)).toEqual(['runners']);
  });

  it('writes the summary in Chinese on request', () => {
    const out = JSON.parse(
      run(
        '--catalog',
        join(dir, 'catalog.json'),
        '--events',
        join(dir, 'events.jsonl'),
        '--lang',
        'zh',
      ),
    ) as Profile;
    expect(out.summary).toMatch(/^主要对/);
  });

  it('names the file and line of a bad event', () => {
    writeFileSync(
      join(dir, 'bad.jsonl'),
      `${toJsonl(shopper.events.slice(0, 2))}{"event": "Product Viewed", "properties": {}, "timestamp": 1}\n`,
    );
    expect(() =>
      run('--catalog', join(dir, 'catalog.json'), '--events', join(dir, 'bad.jsonl')),
    ).toThrow(/bad\.jsonl:3: .*product_id/);
  });
});
