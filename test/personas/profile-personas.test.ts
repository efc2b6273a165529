// Review text is scored with the lexicons (registered on import).
import '@insitu/core/sentiment';
import { describe, expect, it } from 'vitest';
import {
  buildCatalogIndex,
  buildProfile,
  createProfileState,
  foldEvent,
  matchAudiences,
  validateAudiences,
  validateCatalog,
  type Profile,
} from '@insitu/core';
import { generateCatalog, PERSONAS, simulateShoppers, toStoredEvents } from './index.ts';

const START = Date.UTC(2026, 0, 1);
const DAYS = 120;
const NOW = START + DAYS * 86_400_000;
const catalog = generateCatalog(11, 600);
const index = buildCatalogIndex(catalog);

function profilesFor(seed: number): Map<string, Profile> {
  const out = new Map<string, Profile>();
  for (const s of simulateShoppers(catalog, Object.values(PERSONAS), {
    seed,
    start: START,
    days: DAYS,
  })) {
    const state = createProfileState();
    for (const e of toStoredEvents(s.events)) foldEvent(state, e, index);
    out.set(
      s.id,
      buildProfile(state, index, Math.max(NOW, state.lastTs ?? 0), { lang: s.persona.lang }),
    );
  }
  return out;
}

const leaves = (p: Profile) => p.affinities.categories.filter((c) => !index.parents.has(c.id));
const hasSegment = (p: Profile | undefined, id: string) =>
  p?.segments.some((s) => s.id === id) ?? false;

describe('the profile recovers simulated personas', () => {
  // Several seeds: the assertions must hold for the persona, not for one lucky stream.
  for (const seed of [1, 2, 3]) {
    const profiles = profilesFor(seed);
    const get = (id: string): Profile => {
      const p = profiles.get(id);
      if (p === undefined) throw new Error(`no profile for ${id}`);
      return p;
    };

    it(`favourite categories rank on top (seed ${seed})`, () => {
      for (const persona of Object.values(PERSONAS)) {
        const top = leaves(get(persona.id))
          .slice(0, persona.favourites.length)
          .map((c) => c.id);
        expect(new Set(top)).toEqual(new Set(persona.favourites));
      }
    });

    it(`budget, segments, churn and intent (seed ${seed})`, () => {
      expect(get('bargain-hunter').priceBand.band).toBe('budget');
      expect(hasSegment(get('bargain-hunter'), 'bargain-hunter')).toBe(true);
      expect(hasSegment(get('runner'), 'bargain-hunter')).toBe(false);
      expect(get('big-spender').priceBand.band).toBe('premium');
      expect(hasSegment(get('big-spender'), 'big-spender')).toBe(true);
      expect(hasSegment(get('window-shopper'), 'window-shopper')).toBe(true);
      expect(get('lapsed').churn.risk).toBeGreaterThan(0.8);
      expect(hasSegment(get('lapsed'), 'at-risk')).toBe(true);
      for (const id of ['runner', 'bargain-hunter', 'window-shopper']) {
        // Still visiting: a gap of a few usual gaps happens by chance, so only "not flagged".
        expect(get(id).churn.risk).toBeLessThan(0.6);
        expect(hasSegment(get(id), 'at-risk')).toBe(false);
        expect(get(id).churn.risk).toBeLessThan(get('lapsed').churn.risk - 0.3);
      }
      const ready = get('ready-buyer');
      expect(ready.intent.purchase).toBeGreaterThan(0.7);
      expect(ready.intent.stage).toBe('buying');
      expect(get('window-shopper').intent.purchase).toBeLessThan(0.3);
    });

    it(`explains and summarises (seed ${seed})`, () => {
      const runner = get('runner');
      expect(runner.summary).toMatch(/^Mostly into (Running and Camping|Camping and Running)/);
      expect(runner.explanations.categories['Running']?.events.view).toBeGreaterThan(0);
      expect(runner.explanations.categories['Running']?.text).toMatch(/views/);
      expect(get('big-spender').summary).toMatch(/^主要对/);
      expect(runner.affinities.tags.length).toBeGreaterThan(3);
    });
  }
});

describe('audiences', () => {
  const profiles = profilesFor(5);
  const audiences = validateAudiences([
    {
      id: 'running-ready',
      all: [
        { metric: 'category:Running', gte: 0.2 },
        { metric: 'intent', gte: 0.5 },
      ],
    },
    { id: 'runners', all: [{ metric: 'category:Running', gte: 0.2 }] },
    { id: 'win-back', any: [{ segment: 'at-risk' }, { metric: 'churn', gte: 0.9 }] },
    { id: 'deal-seekers', all: [{ segment: 'bargain-hunter' }, { stage: 'considering' }] },
  ]);

  it('matches on affinity, intent, segments and stage, with scores', () => {
    const runner = matchAudiences(profiles.get('runner') as Profile, audiences);
    expect(runner.map((a) => a.id)).toContain('runners');
    const lapsed = matchAudiences(profiles.get('lapsed') as Profile, audiences);
    expect(lapsed.map((a) => a.id)).toEqual(['win-back']);
    for (const a of [...runner, ...lapsed]) {
      expect(a.score).toBeGreaterThanOrEqual(0.5);
      expect(a.score).toBeLessThanOrEqual(1);
    }
    const p = profiles.get('runner') as Profile;
    const runnerReady = p.intent.purchase >= 0.5;
    expect(runner.some((a) => a.id === 'running-ready')).toBe(runnerReady);
  });

  it('rejects a malformed config naming the field', () => {
    expect(() => validateAudiences([{ id: 'x', all: [{ metric: 'intent' }] }])).toThrow(
      /gte or lte/,
    );
    expect(() => validateAudiences([{ all: [] }])).toThrowError(
      expect.objectContaining({ field: 'audiences[0].id' }),
    );
  });
});

describe('the generated catalog', () => {
  it('is valid, deterministic and has Chinese items', () => {
    const again = generateCatalog(11, 600);
    expect(again).toEqual(catalog);
    expect(validateCatalog(JSON.parse(JSON.stringify(catalog))).items).toHaveLength(600);
    expect(new Set(catalog.items.map((i) => i.categories[1])).size).toBe(12);
    expect(catalog.items.some((i) => /\p{Script=Han}/u.test(i.title))).toBe(true);
  });
});
