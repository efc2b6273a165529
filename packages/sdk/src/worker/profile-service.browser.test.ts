import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  buildCatalogIndex,
  buildProfile,
  createProfileState,
  foldEvent,
  validateCatalog,
  type Profile,
  type RawEvent,
} from '@insitu/core';
import type { ShopperProfile } from '../main/types.ts';
import type { WorkerApi, WorkerConfig } from '../protocol.ts';
import { profileService, PROFILE_STATE_KEY } from './profile-service.ts';
import { LEARNING_RESET_KEY } from './store/schema.ts';
import type { ServiceContext } from './services.ts';
import { openIdbStore } from './store/idb-store.ts';
import { MemoryStore } from './store/memory-store.ts';
import { createWorkerApi } from './worker-api.ts';

// The worker API runs in the test page here (same code, real IndexedDB): it lets one test hold
// two "tabs" on one database and check what each folds.
const catalogUrl = new URL('./test-fixtures/catalog.json', import.meta.url).href;
const apis: WorkerApi[] = [];
afterEach(async () => {
  await Promise.all(apis.splice(0).map((a) => a.forget()));
});

async function open(dbName: string, extra: Partial<WorkerConfig> = {}): Promise<WorkerApi> {
  const api = createWorkerApi([profileService()]);
  apis.push(api);
  const config: WorkerConfig = {
    dbName,
    maxAgeDays: 3650,
    maxEvents: 10_000,
    persist: true,
    catalog: catalogUrl,
    ...extra,
  };
  const r = await api.init(config, () => undefined);
  expect(r.ok).toBe(true);
  return api;
}

let seq = 0;
const T0 = Date.now() - 3_600_000;
const raw = (name: string, props: object, ts: number): RawEvent => ({
  id: `ev-${seq++}-${Math.random()}`,
  name,
  props,
  ts,
});

async function value<T>(p: Promise<{ ok: true; value: T } | { ok: false; error: unknown }>) {
  const r = await p;
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

describe('profile service', () => {
  it('loads the review lexicons with the first review text and scores it', async () => {
    const a = await open(`p-${crypto.randomUUID()}`);
    await a.ingest([
      raw('Product Viewed', { product_id: 'tent' }, T0),
      raw(
        'Product Reviewed',
        { product_id: 'tent', review_body: 'Terrible, it broke. Awful.' },
        T0 + 1,
      ),
      raw(
        'Product Reviewed',
        { product_id: 'tent', review_body: '非常好，很喜欢', rating: 5 },
        T0 + 2,
      ),
    ]);
    const p = (await value(a.profile())) as unknown as Profile;
    expect(p.sentiment.reviews).toBe(2);
    const b = await open(`p-${crypto.randomUUID()}`);
    await b.ingest([
      raw('Product Reviewed', { product_id: 'tent', review_body: 'Terrible, it broke.' }, T0),
    ]);
    expect(((await value(b.profile())) as unknown as Profile).sentiment.score).toBeLessThan(0);
  });

  it('folds stored events, persists the state, and a reload answers the same', async () => {
    const db = `p-${crypto.randomUUID()}`;
    const a = await open(db);
    await a.ingest([
      raw('Product Viewed', { product_id: 'shoe' }, T0),
      raw('Product Viewed', { product_id: 'sock' }, T0 + 1000),
      raw('Product Added', { product_id: 'shoe', price: 89 }, T0 + 2000),
      raw('Product Viewed', { product_id: 'tent' }, T0 + 3000),
    ]);
    await value(a.flush());
    const p = (await value(a.profile())) as unknown as Profile;
    expect(p.affinities.categories[0]?.id).toBe('Running');
    expect(p.explanations.categories['Running']?.events).toMatchObject({ view: 2, add: 1 });
    const exported = await value(a.export());
    expect(exported.profile[PROFILE_STATE_KEY]).toBeDefined();

    // Same result as the core fold over the exported events (fold == rebuild, in the browser).
    const catalog = validateCatalog(await (await fetch(catalogUrl)).json());
    const index = buildCatalogIndex(catalog);
    const state = createProfileState();
    for (const e of exported.events) foldEvent(state, e, index);
    const rebuilt = buildProfile(state, index, p.updatedAt);
    expect(p.affinities).toEqual(rebuilt.affinities);

    const b = await open(db); // a reload: reads the persisted state, folds nothing twice
    const again = (await value(b.profile())) as unknown as Profile;
    expect(again.affinities.categories).toEqual(p.affinities.categories);
    expect(again.explanations.categories['Running']?.events).toMatchObject({ view: 2, add: 1 });
  });

  it('two tabs on one database each count every event exactly once', async () => {
    const db = `p-${crypto.randomUUID()}`;
    const [a, b] = [await open(db), await open(db)];
    const batchA = Array.from({ length: 30 }, (_, i) =>
      raw('Product Viewed', { product_id: 'shoe' }, T0 + i * 10),
    );
    const batchB = Array.from({ length: 20 }, (_, i) =>
      raw('Product Viewed', { product_id: 'tent' }, T0 + i * 10 + 5),
    );
    await Promise.all([a.ingest(batchA), b.ingest(batchB)]);
    await Promise.all([value(a.flush()), value(b.flush())]);
    for (const api of [a, b]) {
      const p = (await value(api.profile())) as unknown as Profile;
      const views = (id: string) => p.explanations.categories[id]?.events.view;
      expect(views('Running')).toBe(30);
      expect(views('Tents')).toBe(20);
    }
  });

  it('folds its own batches as handed, reading the store back only to catch up', async () => {
    const store = new MemoryStore();
    const reads: string[] = [];
    const recent = store.recent.bind(store);
    const all = store.all.bind(store);
    store.recent = (...args) => (reads.push('recent'), recent(...args));
    store.all = () => (reads.push('all'), all());
    const catalog = validateCatalog(await (await fetch(catalogUrl)).json());
    const service = profileService();
    const ctx: ServiceContext = {
      config: { dbName: 'unused', maxAgeDays: 3650, maxEvents: 10_000, persist: false },
      store: () => store,
      catalog: () => Promise.resolve(catalog),
      report: () => undefined,
    };
    await service.start?.(ctx);
    const stored = (name: string, id: string, ts: number) => ({
      id: `s-${seq++}`,
      name,
      props: { product_id: id },
      ts,
      items: [id],
    });
    const own = async (events: ReturnType<typeof stored>[]) => {
      await store.put(events); // ingest stores first, then hands the batch over
      await service.onEvents?.(events);
    };
    await own([stored('Product Viewed', 'shoe', T0)]);
    expect(reads.length).toBeGreaterThan(0); // the first batch after a load catches up
    reads.length = 0;
    const batch = [
      stored('Product Viewed', 'shoe', T0 + 1),
      stored('Product Viewed', 'tent', T0 + 2),
    ];
    await own(batch);
    await service.onEvents?.(batch); // handed twice: folded once
    expect(reads).toEqual([]);
    // Another tab's event is read back from the store.
    await store.put([stored('Product Viewed', 'tent', T0 + 3)]);
    await service.onExternalChange?.();
    expect(reads).not.toEqual([]);
    const p = (await service.profile?.()) as unknown as Profile;
    expect(p.explanations.categories['Running']?.events.view).toBe(2);
    expect(p.explanations.categories['Tents']?.events.view).toBe(2);
  });

  it('saves within a second instead of per batch; at once when a reload could not fold again', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const store = new MemoryStore();
      const saves: (number | null)[] = []; // the cursor of each save
      const putState = store.putState.bind(store);
      store.putState = (name, key, v) => {
        saves.push((v as { cursor: number | null }).cursor);
        return putState(name, key, v);
      };
      const catalog = validateCatalog(await (await fetch(catalogUrl)).json());
      const service = profileService();
      await service.start?.({
        config: { dbName: 'unused', maxAgeDays: 3650, maxEvents: 10_000, persist: false },
        store: () => store,
        catalog: () => Promise.resolve(catalog),
        report: () => undefined,
      } as ServiceContext);
      const own = async (ts: number) => {
        const e = { id: `s-${seq++}`, name: 'Product Viewed', props: {}, ts, items: [] };
        await store.put([e]);
        await service.onEvents?.([e]);
      };
      for (let i = 0; i < 5; i++) await own(T0 + i);
      expect(saves).toEqual([]);
      await vi.advanceTimersByTimeAsync(1000);
      expect(saves).toEqual([T0 + 4]);
      // Older than the saved cursor's late window: a reload's catch-up would not read it again.
      await own(T0 - 120_000);
      expect(saves).toEqual([T0 + 4, T0 + 4]);
      // Retention deleted events: saved at once if it folded one of them since the last save.
      await own(T0 + 10);
      await service.onPruned?.(T0 + 9);
      expect(saves).toHaveLength(2);
      await service.onPruned?.(T0 + 10);
      expect(saves).toEqual([T0 + 4, T0 + 4, T0 + 10]);
      await vi.advanceTimersByTimeAsync(1000);
      expect(saves).toHaveLength(3); // nothing new to save
    } finally {
      vi.useRealTimers();
    }
  });

  it('a reload before the state is saved folds the stored events again, each once', async () => {
    const db = `p-${crypto.randomUUID()}`;
    const a = await open(db);
    const views = async (api: WorkerApi) => {
      const p = (await value(api.profile())) as unknown as Profile;
      return [
        p.explanations.categories['Running']?.events.view,
        p.explanations.categories['Tents']?.events.view,
      ];
    };
    await a.ingest([0, 1, 2].map((i) => raw('Product Viewed', { product_id: 'shoe' }, T0 + i)));
    await value(a.export()); // saves the state
    await a.ingest([
      raw('Product Viewed', { product_id: 'shoe' }, T0 + 3),
      raw('Product Viewed', { product_id: 'tent' }, T0 + 4),
    ]);
    expect(await views(a)).toEqual([4, 1]);
    const b = await open(db); // a has not saved the last batch yet
    expect(await views(b)).toEqual([4, 1]);
    await value(a.export());
    expect(await views(await open(db))).toEqual([4, 1]);
  });

  it('keeps folded what retention deletes before the state is saved', async () => {
    const db = `p-${crypto.randomUUID()}`;
    const a = await open(db, { maxEvents: 5 });
    await a.ingest([raw('Product Viewed', { product_id: 'shoe' }, T0)]);
    await value(a.export()); // saves the state
    // Ten more: the batch's own transaction trims the store to the newest five.
    await a.ingest(
      Array.from({ length: 10 }, (_, i) =>
        raw('Product Viewed', { product_id: 'shoe' }, T0 + 1 + i),
      ),
    );
    const views = async (api: WorkerApi) =>
      ((await value(api.profile())) as unknown as Profile).explanations.categories['Running']
        ?.events.view;
    expect(await views(a)).toBe(11); // and a has saved it by now: the profile waits for that
    expect((await value(a.flush())).total).toBe(5);
    expect(await views(await open(db, { maxEvents: 5 }))).toBe(11);
  });

  it('folds an event the page sends again (after a navigation) once', async () => {
    const a = await open(`p-${crypto.randomUUID()}`);
    const batch = [
      raw('Product Viewed', { product_id: 'shoe' }, T0),
      raw('Product Viewed', { product_id: 'tent' }, T0 + 1),
    ];
    await a.ingest(batch);
    await a.ingest([...batch, raw('Product Viewed', { product_id: 'sock' }, T0 + 2)], true);
    const stats = await value(a.flush());
    expect(stats).toMatchObject({ stored: 3, total: 3 });
    const p = (await value(a.profile())) as unknown as Profile;
    expect(p.explanations.categories['Running']?.events.view).toBe(2);
    expect(p.explanations.categories['Tents']?.events.view).toBe(1);
  });

  it('says which items were shown three times and skipped, until engaged with or reset', async () => {
    const db = `p-${crypto.randomUUID()}`;
    const a = await open(db);
    const shown = (ts: number) =>
      raw(
        'Recommendation Shown',
        { strategy: 'for-you', products: [{ product_id: 'tent' }, { product_id: 'mug' }] },
        ts,
      );
    await a.ingest([shown(T0), shown(T0 + 1000)]);
    const learned = async () => ((await value(a.profile())) as unknown as ShopperProfile).learned;
    expect((await learned()).skipped).toEqual([]); // twice is not skipping yet
    await a.ingest([shown(T0 + 2000), raw('Product Viewed', { product_id: 'shoe' }, T0 + 2500)]);
    expect((await learned()).skipped).toEqual([
      { id: 'mug', name: 'Camp mug', times: 3 },
      { id: 'tent', name: 'Tent', times: 3 },
    ]);
    expect((await learned()).sentences).toEqual([
      'You skipped Camp mug and Tent three times or more, so they are shown less.',
    ]);
    await a.ingest([raw('Product Clicked', { product_id: 'tent' }, T0 + 3000)]);
    expect((await learned()).skipped.map((s) => s.id)).toEqual(['mug']);
    // What resetLearning() records: nothing before it counts any more.
    const store = await openIdbStore(db);
    await store.setMeta(LEARNING_RESET_KEY, Date.now());
    store.close();
    expect(await learned()).toEqual({ skipped: [], sentences: [] });
  });

  it('answers the audiences declared in the config', async () => {
    const a = await open(`p-${crypto.randomUUID()}`, {
      audiences: [
        { id: 'runners', all: [{ metric: 'category:Running', gte: 0.5 }] },
        { id: 'campers', all: [{ metric: 'category:Tents', gte: 0.5 }] },
      ],
    });
    await a.ingest([raw('Product Viewed', { product_id: 'shoe' }, T0)]);
    await value(a.flush());
    const matches = await value(a.audiences());
    expect(matches.map((m) => m.id)).toEqual(['runners']);
  });
});
