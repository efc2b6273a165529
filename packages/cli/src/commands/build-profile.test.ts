// Review text is scored with the lexicons (registered on import).
import '@insitu/core/sentiment';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  buildCatalogIndex,
  buildProfile,
  createProfileState,
  DEFAULT_INTENT_MODEL,
  foldEvent,
  INTENT_FEATURES,
  SEGMENT_FEATURES,
  type Dataset,
  type IntentModel,
  type SegmentCentroids,
  type StoredEvent,
} from '@insitu/core';
import { catalogHash } from '@insitu/model';
import { fitProfile, readArtifactDir } from '@insitu/model/node';
import {
  createRng,
  generateCatalog,
  PERSONAS,
  randomPersonas,
  simulateShoppers,
  toInteractionsCsv,
  toStoredEvents,
} from '../../../../test/personas/index.ts';
import { loadDataset } from '../data/index.ts';
import { build } from './build.ts';

// A generated shop's logs in the standard CSV format, as `insitu build` reads them.
const catalog = generateCatalog(5, 150);
const shoppers = simulateShoppers(catalog, randomPersonas(createRng(21), 220), { seed: 21 });
const csv = toInteractionsCsv(shoppers);
let dir: string;
let dataset: Dataset;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'insitu-profile-fit-'));
  await writeFile(join(dir, 'catalog.json'), JSON.stringify(catalog));
  await writeFile(join(dir, 'interactions.csv'), csv);
  const viewsOnly = csv
    .split('\n')
    .filter((line) => !line.endsWith(',purchase'))
    .join('\n');
  await writeFile(join(dir, 'views.csv'), viewsOnly);
  dataset = await loadDataset({ events: [join(dir, 'interactions.csv')] });
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterAll(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

/** A persona's own events folded and read out with the artifact's centroids and intent weights. */
function profileOf(events: StoredEvent[], centroids: SegmentCentroids, intentModel: IntentModel) {
  const index = buildCatalogIndex(catalog);
  const state = createProfileState();
  for (const e of events) foldEvent(state, e, index);
  const now = events[events.length - 1]!.ts + 60 * 60_000;
  return buildProfile(state, index, now, { centroids, intentModel });
}

describe('profile fit from logs', () => {
  let fitted: ReturnType<typeof fitProfile> | undefined;
  const fit = () => (fitted ??= fitProfile(dataset, catalog, 42));

  it('fits intent weights that rank held-out sessions at least as well as the defaults', () => {
    const { intent } = fit();
    expect(intent.fitted).toBe(true);
    expect(intent.features).toEqual([...INTENT_FEATURES]);
    expect(intent.positives).toBeGreaterThan(0);
    expect(intent.positives).toBeLessThan(intent.examples);
    const auc = intent.auc!;
    expect(auc.examples).toBeGreaterThan(500);
    // The fitted weights must not rank held-out sessions worse than the hand-set ones.
    expect(auc.fitted).toBeGreaterThanOrEqual(auc.default - 0.005);
    expect(auc.fitted).toBeGreaterThan(0.55);
    // A cart says the session is heading to checkout; checkout, absent from CSV logs, keeps its prior.
    expect(intent.weights['hasCart']! + intent.weights['adds']!).toBeGreaterThan(0.3);
    expect(intent.weights['checkout']).toBe(DEFAULT_INTENT_MODEL.weights.checkout);
    // Same seed, same weights and centroids.
    expect(fitProfile(dataset, catalog, 42)).toEqual(fit());
  });

  it('clusters shoppers into named centroids where personas land sensibly', () => {
    const { centroids, intent } = fit();
    expect(centroids).not.toBeNull();
    const c = centroids!;
    expect(c.features).toEqual([...SEGMENT_FEATURES]);
    expect(c.mean).toHaveLength(SEGMENT_FEATURES.length);
    expect(c.scale!.every((s) => s > 0)).toBe(true);
    expect(c.centroids.length).toBeGreaterThanOrEqual(3);
    expect(c.centroids.length).toBeLessThanOrEqual(5);
    expect(new Set(c.centroids.map((x) => x.id)).size).toBe(c.centroids.length);
    for (const x of c.centroids) {
      expect(x.id).toMatch(/^[a-z-]+$/);
      expect(x.center).toHaveLength(SEGMENT_FEATURES.length);
    }
    expect(c.sizes!.reduce((a, b) => a + b, 0)).toBe(dataset.userIds.length);

    const model: IntentModel = {
      bias: intent.bias,
      weights: intent.weights as IntentModel['weights'],
    };
    const orders = SEGMENT_FEATURES.indexOf('orders');
    const centerOf = (id: string) => c.centroids.find((x) => x.id === id)!.center;
    const [window, buyer] = simulateShoppers(
      catalog,
      [PERSONAS.windowShopper, PERSONAS.bargainHunter],
      { seed: 3 },
    ).map((s) => profileOf(toStoredEvents(s.events), c, model));
    const clusterOf = (p: typeof window) => p!.segments.find((s) => s.kind === 'cluster')!;
    const w = clusterOf(window);
    const b = clusterOf(buyer);
    expect(c.centroids.map((x) => x.id)).toContain(w.id);
    expect(w.score).toBeGreaterThan(0);
    // A shopper who never buys sits with the below-average buyers; one who buys every few days
    // (16 orders here) with the above-average ones.
    expect(centerOf(w.id)[orders]!).toBeLessThan(0);
    expect(centerOf(b.id)[orders]!).toBeGreaterThan(0);
  });

  it('keeps the default intent weights when the logs have no purchases', async () => {
    const views = await loadDataset({ events: [join(dir, 'views.csv')] });
    const { intent } = fitProfile(views, catalog, 42);
    expect(intent.fitted).toBe(false);
    expect(intent.reason).toMatch(/no purchase/);
    expect(intent.weights).toEqual(DEFAULT_INTENT_MODEL.weights);
    expect(intent.auc).toBeNull();
  });

  it('insitu build ships intent.json and profile centroids the loader reads back', async () => {
    const out = join(dir, 'model');
    const args = [
      '--catalog',
      join(dir, 'catalog.json'),
      '--events',
      join(dir, 'interactions.csv'),
    ];
    expect(await build([...args, '--out', out, '--epochs', '1', '--seed', '4'])).toBe(0);
    const model = await readArtifactDir(out, catalogHash(catalog));
    const profile = model.manifest.profile!;
    expect(profile.intent).toBe('fitted');
    expect(profile.segments.length).toBeGreaterThanOrEqual(3);
    const written = JSON.parse(
      await readFile(join(out, 'centroids.json'), 'utf8'),
    ) as SegmentCentroids;
    expect(written.features).toEqual([...SEGMENT_FEATURES]);
    expect(written.centroids.map((x) => x.id)).toEqual(profile.segments);
    expect(model.profileCentroids).toEqual(written);
    expect(model.intentModel?.weights.adds).toBe(
      (JSON.parse(await readFile(join(out, 'intent.json'), 'utf8')) as IntentModel).weights.adds,
    );
  });
});
