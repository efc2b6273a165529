import {
  InsituError,
  recommendPacker,
  toErrorInfo,
  validateRecommendRequest,
  type ErrorInfo,
  type RawEvent,
  type StoredEvent,
} from '@insitu/core';
import type { Notice, Reply, Stats, WorkerApi, WorkerConfig } from '../protocol.ts';
import { catalogLoader } from './catalog-loader.ts';
import { Ingest } from './ingest.ts';
import { localeOf } from './locale.ts';
import { basicRecommend } from './recommend/basic-strategies.ts';
import { recentEvents } from './recent-events.ts';
import { createServices } from './service-list.ts';
import type { ServiceContext, WorkerService } from './services.ts';
import type { EventStore } from './store/event-store.ts';
import { MemoryStore } from './store/memory-store.ts';
import { LEARNING_RESET_KEY } from './store/schema.ts';
import { eraseStorage, openStorage } from './storage.ts';

type TabMessage = { type: 'stored'; count: number } | { type: 'forgotten' };

/** Runs `fn` and turns a throw into an error reply, so errors keep their code across threads. */
async function reply<T>(fn: () => T | Promise<T>): Promise<Reply<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (error) {
    return { ok: false, error: toErrorInfo(error) };
  }
}

/**
 * The worker's API: ingestion, storage, consent, export/forget, recommendations, and the
 * plugged-in services (see `service-list.ts`).
 */
export function createWorkerApi(services: WorkerService[] = createServices()): WorkerApi {
  let config!: WorkerConfig;
  let store: EventStore = new MemoryStore();
  /** After forget(): stay in memory until the next write, so nothing is recreated until needed. */
  let reopenOnWrite = false;
  let notify: (notice: Notice) => void = () => undefined;
  let channel: BroadcastChannel | undefined;
  let loadCatalog: ServiceContext['catalog'] = () => Promise.resolve(undefined);
  let started!: Promise<unknown>;
  let gate: Promise<unknown> = Promise.resolve();

  const report = (error: ErrorInfo) => notify({ type: 'error', error });
  /**
   * Runs `fn` after every earlier ingest/consent/forget step, so a storage switch never races
   * with events arriving: what came before is written first, what comes after goes to the new store.
   */
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = gate.then(async () => {
      await started;
      return fn();
    });
    gate = run.catch(() => undefined);
    return run;
  };
  /** Calls a hook of every service; resolves once all are done, their errors reported. */
  const each = (hook: (s: WorkerService) => unknown): Promise<void> =>
    Promise.all(
      services.map((s) =>
        (async () => hook(s))().catch((e: unknown) =>
          report({ ...toErrorInfo(e), message: `${s.name}: ${toErrorInfo(e).message}` }),
        ),
      ),
    ).then(() => undefined);
  const persist = () => each((s) => s.persist?.());
  // When the shopper last reset what was learned (meta `learningResetAt`), read with the store.
  let resetAt = -Infinity;
  const readResetAt = async () => {
    const at = (await store.meta())[LEARNING_RESET_KEY];
    resetAt = typeof at === 'number' ? at : -Infinity;
  };
  const pack = recommendPacker();
  const recent = recentEvents(
    () => store,
    () => config.maxEvents,
    () => resetAt,
  );
  const ctx: ServiceContext = {
    get config() {
      return config;
    },
    store: () => store,
    recent: () => recent.get(),
    shopper: () => recent.shopper(),
    catalog: () => loadCatalog(),
    report,
  };
  const ingest = new Ingest({
    store: () => store,
    retention: () => config,
    pruned: (upTo) => {
      recent.invalidate();
      void each((s) => s.onPruned?.(upTo));
    },
    report,
    stored: (events: readonly StoredEvent[]) => {
      recent.added(events);
      void each((s) => s.onEvents?.(events));
      if (store.kind === 'indexeddb')
        channel?.postMessage({ type: 'stored', count: events.length });
      notify({ type: 'change', source: 'this-tab', stored: events.length });
    },
  });
  const stats = async (): Promise<Stats> =>
    Object.assign(
      { ...ingest.counts, total: await store.count(), storage: store.kind },
      ...services.map((s) => s.stats?.() ?? {}),
    ) as Stats;
  const first = async <T>(
    pick: (s: WorkerService) => (() => Promise<T>) | undefined,
    what: string,
  ) => {
    await started;
    await gate;
    await ingest.flush();
    for (const s of services) {
      const fn = pick(s);
      if (fn) return fn();
    }
    throw new InsituError(
      'invalid_request',
      `${what} is not available yet in this build of insitu.`,
    );
  };
  const switchStore = async (next: EventStore) => {
    store.close();
    store = next;
    await readResetAt();
    recent.invalidate();
    await each((s) => s.onStorageReset?.());
  };

  const onTabMessage = (message: TabMessage) => {
    if (message.type === 'stored') {
      recent.invalidate();
      void each((s) => s.onExternalChange?.());
      notify({ type: 'change', source: 'other-tab', stored: message.count });
    } else if (store.kind === 'indexeddb') {
      // Another tab erased the database: follow suit rather than recreate it on the next read.
      reopenOnWrite = true;
      void switchStore(new MemoryStore());
    }
  };

  return {
    async init(cfg, onNotice) {
      config = cfg;
      notify = onNotice;
      loadCatalog = catalogLoader(cfg.catalog, () => config.persist, report);
      started = reply(async () => {
        store = await openStorage(config, report);
        await readResetAt();
        if (typeof BroadcastChannel !== 'undefined') {
          channel = new BroadcastChannel(`insitu:${config.dbName}`);
          channel.onmessage = (e: MessageEvent<TabMessage>) => onTabMessage(e.data);
        }
        void each((s) => s.start?.(ctx));
        void loadCatalog();
        return store.kind;
      });
      return started as Promise<Reply<Stats['storage']>>;
    },

    ingest: async (events: RawEvent[], resent?: boolean, refused?: number) => {
      const queued = await serial(async () => {
        if (reopenOnWrite && config.persist) {
          reopenOnWrite = false;
          await switchStore(await openStorage(config, report));
        }
        ingest.receive(events, resent === true, refused);
        // Wrapped: the next batch must not wait for this one's write, only for its queueing.
        return { settled: ingest.settled() };
      });
      await queued.settled;
    },

    flush: () =>
      reply(async () => {
        await started;
        await gate;
        await ingest.flush();
        return stats();
      }),

    stats: () =>
      reply(async () => {
        await started;
        return stats();
      }),

    // Packed after the answer, on the one path every answer takes to comlink's postMessage, so
    // answers are packed in the order they are posted and the page unpacks them in that order.
    recommend: (input, full) =>
      reply(async () => {
        // Checked again here (the page checks first): services only ever see a clean request.
        const valid = validateRecommendRequest(input);
        if (!valid.ok) throw valid.error;
        const request = valid.value;
        await started;
        await gate;
        await ingest.flush();
        for (const s of services) {
          const result = await s.recommend?.(request);
          if (result) return result;
        }
        const events = await recent.get();
        const catalog = await loadCatalog();
        return basicRecommend(request, events, catalog, Date.now(), {
          locale: localeOf(config),
          ...(config.rotation === undefined ? {} : { rotation: config.rotation }),
          shopper: await recent.shopper(),
        });
      }).then((r) => (r.ok ? { ok: true, value: pack(r.value, full === true) } : r)),

    profile: () => reply(() => first((s) => s.profile?.bind(s), 'profile()')),
    audiences: () => reply(() => first((s) => s.audiences?.bind(s), 'audiences()')),

    consent: (granted) =>
      reply(() =>
        serial(async () => {
          if (typeof granted !== 'boolean') {
            throw new InsituError('invalid_request', 'granted must be true or false.', {
              field: 'granted',
            });
          }
          await ingest.flush();
          if (granted && !config.persist) {
            config.persist = true;
            const memory = store;
            await persist();
            const next = await openStorage(config, report);
            const [events, profile, model] = await Promise.all([
              memory.all(),
              memory.allState('profile'),
              memory.allState('model'),
            ]);
            // Consent covers what this page already collected: keep it.
            await next.put(events);
            for (const [k, v] of Object.entries(profile)) await next.putState('profile', k, v);
            for (const [k, v] of Object.entries(model)) await next.putState('model', k, v);
            await switchStore(next);
          } else if (!granted) {
            config.persist = false;
            store.close();
            await eraseStorage(config.dbName);
            await switchStore(new MemoryStore());
          }
          await store.setMeta('consent', granted ? 'granted' : 'denied');
          return store.kind;
        }),
      ),

    export: () =>
      reply(async () => {
        await started;
        await gate;
        await ingest.flush();
        await persist();
        const [meta, events, profile, model] = await Promise.all([
          store.meta(),
          store.all(),
          store.allState('profile'),
          store.allState('model'),
        ]);
        return { exportedAt: Date.now(), storage: store.kind, meta, events, profile, model };
      }),

    resetLearning: () =>
      reply(() =>
        serial(async () => {
          await started;
          await ingest.flush();
          resetAt = Date.now();
          await store.setMeta(LEARNING_RESET_KEY, resetAt);
          for (const s of services) await s.resetLearning?.(resetAt);
        }),
      ),

    forget: () =>
      reply(() =>
        serial(async () => {
          await ingest.flush();
          store.close();
          await eraseStorage(config.dbName);
          reopenOnWrite = true;
          await switchStore(new MemoryStore());
          channel?.postMessage({ type: 'forgotten' } satisfies TabMessage);
        }),
      ),
  };
}
