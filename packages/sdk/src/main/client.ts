import {
  fromErrorInfo,
  InsituError,
  toErrorInfo as toInfo,
  type ErrorInfo,
  type RawEvent,
  type RecommendResult,
  type RecommendWire,
} from '@insitu/core';
import { proxy, wrap, type Remote } from 'comlink';
import type { InsituConfig, Notice, Reply, WorkerApi, WorkerConfig } from '../protocol.ts';
import { argumentsError, eventError, onError } from './arguments.ts';
import { clearLocal, localEntries, mayPersist, writeConsent } from './consent-state.ts';
import { loadCapture } from './capture-loader.ts';
import { copyProps } from './event-copy.ts';
import { eventIds } from './event-id.ts';
import { pendingEvents } from './pending.ts';
import { testFaults } from './test-faults-key.ts';
import type { Insitu, InsituEvents, ShopperProfile } from './types.ts';

/**
 * The page's side of recommend() (the request check, the unpacking of answers), loaded on first
 * use: it is over a kilobyte, and the script-tag client has a 6 KB budget every page pays.
 */
let recommendSide: Promise<typeof import('./recommend-page.ts')> | undefined;
const loadRecommendSide = () => (recommendSide ??= import('./recommend-page.ts'));

/**
 * With this many buffered events the batch is not worth waiting for the timer: it is posted in
 * a task of its own right away, never inside the `track()` that filled it (a postMessage of
 * 200 events takes far longer than a call).
 */
const MAX_BUFFER = 200;

function workerConfig(config: InsituConfig, report: (e: ErrorInfo) => void): WorkerConfig {
  const dbName = config.dbName ?? 'insitu';
  let mode = config.consent ?? 'granted';
  if (mode !== 'granted' && mode !== 'required') {
    report({
      code: 'invalid_config',
      message: 'consent must be "granted" or "required".',
      field: 'consent',
    });
    mode = 'required'; // An unclear setting must not widen what is stored.
  }
  const positive = (v: number | undefined, fallback: number, field: string) => {
    if (v === undefined) return fallback;
    if (v > 0) return v;
    report({ code: 'invalid_config', message: `${field} must be a positive number.`, field });
    return fallback;
  };
  const gpc = (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl === true;
  // Faults come from a test entry point only, never from the shop's config.
  const shop: InsituConfig = { ...config };
  delete (shop as { faults?: unknown }).faults;
  const faults = testFaults();
  return {
    ...shop,
    ...(faults === undefined ? {} : { faults }),
    dbName,
    consent: mode,
    maxAgeDays: positive(config.maxAgeDays, 180, 'maxAgeDays'),
    maxEvents: positive(config.maxEvents, 10_000, 'maxEvents'),
    persist: mayPersist(mode, dbName, gpc),
  };
}

/** Creates an insitu client with its own worker. Never throws; failures go to `on('error')`. */
export function createInsitu(config: InsituConfig = {}): Insitu {
  const handlers: { [K in keyof InsituEvents]: Set<InsituEvents[K]> } = {
    error: new Set(),
    ready: new Set(),
    change: new Set(),
  };
  const emit = <K extends keyof InsituEvents>(type: K, ...args: Parameters<InsituEvents[K]>) => {
    for (const fn of handlers[type]) {
      try {
        (fn as (...a: unknown[]) => void)(...args);
      } catch {
        // A failing page handler must not stop the others.
      }
    }
  };
  const report = (info: ErrorInfo) => {
    const error = fromErrorInfo(info);
    if (config.debug) console.warn('[insitu]', error.code, error.message, error.field ?? '');
    // Later, so handlers subscribed right after createInsitu() hear about config and start errors.
    queueMicrotask(() => emit('error', error));
  };
  const cfg = workerConfig(config, report);
  /** Whether consent allows keeping a copy of unconfirmed events beyond the page. */
  let persist = cfg.persist;
  const pending = pendingEvents(cfg.dbName);
  let api: Remote<WorkerApi> | undefined;
  /** This worker's recommend() answers, unpacked (see `recommendPacker` in core). */
  let unpacker: ((wire: RecommendWire) => RecommendResult | undefined) | undefined;
  let buffer: RawEvent[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let isReady = false;
  let dropped = 0;
  let invalid = 0;
  /** Events refused on the page that the worker has not yet counted in the stored counter. */
  let uncounted = 0;
  let lastTs = 0;
  const idOf = eventIds();
  /**
   * Date.now(), nudged by a microsecond when it would not move forward, so that events of one
   * page keep their call order in the time index even when tracked within the same millisecond.
   */
  const now = () => (lastTs = Math.max(Date.now(), lastTs + 0.001));

  let die: (r: Reply<never>) => void = () => undefined;
  /** Settles when the worker is known dead, so no call waits forever for it. */
  let isDead = false;
  const dead = new Promise<Reply<never>>((resolve) => (die = resolve)).then((r) => {
    isDead = true;
    return r;
  });
  const failure = (info: ErrorInfo) => Promise.reject(fromErrorInfo(info));
  const unwrap = async <T>(call: () => Promise<Reply<T>>): Promise<T> => {
    if (!api)
      return failure({ code: 'worker_unavailable', message: 'The insitu worker could not start.' });
    const r = await Promise.race([call(), dead]).catch((e: unknown): Reply<T> => ({
      ok: false,
      error: { code: 'worker_unavailable', message: String(e) },
    }));
    if (r.ok) return r.value;
    if (r.error.code !== 'worker_unavailable' || isReady) report(r.error);
    return failure(r.error);
  };
  const post = () => {
    clearTimeout(timer);
    timer = undefined;
    if (buffer.length === 0 && uncounted === 0) return;
    if (!api || isDead) {
      dropped += buffer.length; // Already reported as worker_unavailable; counted in stats.
      buffer = [];
      return;
    }
    send(buffer);
    buffer = [];
  };
  /** Posts a batch and keeps it until the worker confirms it stored (or rejected) every event. */
  const send = (batch: RawEvent[], resent?: boolean) => {
    pending.posted(batch);
    const refused = uncounted;
    uncounted = 0;
    api!.ingest(batch, resent, refused).then(
      () => pending.confirmed(batch),
      (e: unknown) => {
        dropped += batch.length;
        report({
          code: 'worker_unavailable',
          message: `${batch.length} events were lost: ${String(e)}`,
        });
      },
    );
  };

  const startWorker = () => {
    try {
      const worker = new Worker(new URL('../worker/worker.ts', import.meta.url), {
        type: 'module',
      });
      worker.onerror = (e) => {
        const info: ErrorInfo = {
          code: 'worker_unavailable',
          message: `The insitu worker failed: ${e.message || 'its script did not load'}.`,
        };
        report(info);
        // Before ready, an error means the script never ran: nothing will ever answer.
        if (!isReady) die({ ok: false, error: info });
      };
      api = wrap<WorkerApi>(worker);
      const onNotice = (n: Notice) =>
        n.type === 'error'
          ? report(n.error)
          : emit('change', { source: n.source, stored: n.stored });
      return api.init(cfg, proxy(onNotice));
    } catch (e) {
      const info: ErrorInfo = {
        code: 'worker_unavailable',
        message: `The insitu worker could not start: ${String(e)}`,
      };
      report(info);
      return Promise.resolve<Reply<never>>({ ok: false, error: info });
    }
  };
  const ready = Promise.race([startWorker(), dead]).then((r) => {
    if (!r.ok) throw fromErrorInfo(r.error);
    isReady = true;
    emit('ready');
  });
  ready.catch(() => undefined); // Callers of ready() see the rejection; nobody else must.
  // What a previous page posted but could not see stored goes first, with its original id and ts.
  const left = pending.take();
  if (left.length > 0 && persist && api) send(left, true);
  // The page may be gone before the worker commits: keep a synchronous copy of what is in flight.
  const hide = () => {
    post();
    if (persist) pending.save();
  };
  addEventListener('pagehide', hide);
  addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && hide());

  /** Counts and reports an event refused on the page; it is never posted. */
  const refuseEvent = (name: unknown, field: string, reason: string) => {
    invalid++;
    uncounted++;
    report(eventError(name, field, reason));
  };
  /** Reports a bad argument and rejects with it; the call changes nothing. */
  const refuse = (info: ErrorInfo): Promise<never> => {
    report(info);
    return failure(info);
  };
  /** Methods without parameters: an argument means the caller expects something else. */
  const noArgs = <T>(method: string, args: unknown[], run: () => Promise<T>): Promise<T> => {
    const bad = argumentsError(method, args);
    return bad ? refuse(bad) : run();
  };

  const client: Insitu = {
    track(name: unknown, props?: unknown) {
      if (typeof name !== 'string') {
        refuseEvent(name, 'name', 'its name must be a string, e.g. "Product Viewed".');
        return Promise.resolve();
      }
      try {
        // Copied now (the page may change its object before the batch is posted) into a form
        // that always crosses postMessage: what cannot is refused here, never posted.
        const copied = copyProps(props);
        const ts = now();
        buffer.push({ id: idOf(ts), name, props: copied, ts });
        if (buffer.length === MAX_BUFFER) {
          clearTimeout(timer);
          timer = setTimeout(post, 0);
        } else timer ??= setTimeout(post, cfg.flushInterval ?? 50);
      } catch (e) {
        if (e instanceof InsituError) refuseEvent(name, e.field ?? 'properties', e.message);
        else refuseEvent(name, 'properties', 'its properties cannot be read.');
      }
      return Promise.resolve();
    },
    // Each answer includes what the page tracked just before asking: post the buffer first.
    async recommend(input: unknown) {
      post();
      const side = await loadRecommendSide().catch(() => {
        recommendSide = undefined; // a later call tries again
      });
      if (!side) {
        return refuse({
          code: 'worker_unavailable',
          message: 'The recommend() request check could not be loaded.',
        });
      }
      // Checked before posting, so no request that cannot be cloned ever reaches postMessage.
      const valid = side.validateRecommendRequest(input);
      if (!valid.ok) return refuse(toInfo(valid.error));
      const unpack = (unpacker ??= side.recommendUnpacker());
      // Unpacked as each answer arrives, in the order the worker packed them (items it sent
      // before come as ids); an answer naming an unknown item is asked for again in full.
      const ask = (full: boolean) =>
        unwrap(() =>
          api!
            .recommend(valid.value, full)
            .then((r): Reply<RecommendResult | undefined> =>
              r.ok ? { ...r, value: unpack(r.value) } : r,
            ),
        );
      const answer = (await ask(false)) ?? (await ask(true));
      return (
        answer ?? refuse({ code: 'internal', message: 'recommend() answered an unknown item.' })
      );
    },
    // The worker's profile service answers with a `ShopperProfile` (plain JSON on the wire).
    profile: (...args: unknown[]) =>
      noArgs('profile', args, () => {
        post();
        return unwrap(() => api!.profile()) as Promise<unknown> as Promise<ShopperProfile>;
      }),
    audiences: (...args: unknown[]) =>
      noArgs('audiences', args, () => (post(), unwrap(() => api!.audiences()))),
    async consent(granted: unknown) {
      // Only true and false are decisions: 'yes', 1 or null must not erase anything.
      if (typeof granted !== 'boolean') {
        return refuse({
          code: 'invalid_request',
          message: 'consent() takes true or false; nothing was changed.',
          field: 'granted',
        });
      }
      writeConsent(cfg.dbName, granted);
      post();
      persist = granted;
      if (!persist) pending.clear();
      await unwrap(() => api!.consent(granted));
    },
    export: (...args: unknown[]) =>
      noArgs('export', args, async () => {
        post();
        const data = await unwrap(() => api!.export());
        return { ...data, local: localEntries(cfg.dbName) };
      }),
    forget: (...args: unknown[]) =>
      noArgs('forget', args, async () => {
        post();
        pending.clear(); // Erased with the rest: never sent again.
        clearLocal(cfg.dbName);
        await unwrap(() => api!.forget());
        clearLocal(cfg.dbName);
      }),
    resetLearning: (...args: unknown[]) =>
      noArgs('resetLearning', args, () => (post(), unwrap(() => api!.resetLearning()))),
    on(type: unknown, fn: unknown) {
      const bad = onError(type, fn, handlers);
      if (bad) {
        report(bad);
        return () => undefined;
      }
      const set = handlers[type as keyof InsituEvents] as Set<unknown>;
      set.add(fn);
      if (type === 'ready' && isReady) queueMicrotask(() => set.has(fn) && (fn as () => void)());
      return () => void set.delete(fn);
    },
    ready: (...args: unknown[]) => noArgs('ready', args, () => ready),
    flush: (...args: unknown[]) =>
      noArgs('flush', args, async () => {
        post();
        const stats = await unwrap(() => api!.flush());
        return { ...stats, dropped: stats.dropped + dropped, invalid: stats.invalid + invalid };
      }),
    stats: (...args: unknown[]) =>
      noArgs('stats', args, async () => {
        const stats = await unwrap(() => api!.stats());
        return { ...stats, dropped: stats.dropped + dropped, invalid: stats.invalid + invalid };
      }),
  };
  loadCapture(client, config.capture, report);
  return client;
}
