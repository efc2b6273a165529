import {
  buildCatalogIndex,
  buildProfile,
  createProfileState,
  DEFAULT_HALF_LIFE_DAYS,
  foldEvent,
  learnedSummary,
  matchAudiences,
  meaningOf,
  sentimentReady,
  toErrorInfo,
  validateAudiences,
  type AudienceDefinition,
  type CatalogIndex,
  type IntentModel,
  type JsonObject,
  type JsonValue,
  type ProfileState,
  type SegmentCentroids,
  type StoredEvent,
} from '@insitu/core';
import type { AudienceMatch } from '../protocol.ts';
import { localeOf } from './locale.ts';
import type { ServiceContext, WorkerService } from './services.ts';
import { LEARNING_RESET_KEY } from './store/schema.ts';

/** Key of the folded state in the `profile` store. */
export const PROFILE_STATE_KEY = 'state';
/**
 * Tabs flush every ~50 ms, so another tab's event can land with a timestamp a little behind what
 * this tab already folded. Ids of events this recent are remembered so a late one is folded once.
 */
const LATE_WINDOW_MS = 60_000;
/** Events read per catch-up query; beyond it the whole store is read (first run, long offline). */
const CATCH_UP_LIMIT = 5_000;
/**
 * The state is written at most this long after a fold, not after every batch: a save clones the
 * state and every id of the late window (in a burst of 10k events, 0.7 MB) and writes it next to
 * the events. What a closed page had not saved, the next catch-up folds again from the stored
 * events: they lie within the late window of the saved cursor (an older one is saved at once).
 */
const SAVE_MS = 1000;

const hasReviewText = (e: StoredEvent) =>
  meaningOf(e.name)?.kind === 'review' &&
  (typeof e.props['review_body'] === 'string' || typeof e.props['review'] === 'string');

/** What is persisted: the state plus the cursor that says which stored events it includes. */
interface Persisted {
  state: ProfileState;
  /** Highest `ts` folded; null before the first event. */
  cursor: number | null;
  /** Folded events with `ts >= cursor - LATE_WINDOW_MS`: id → ts. */
  recent: Record<string, number>;
}

/**
 * The profile in the worker: keeps the folded state in IndexedDB, folds stored events
 * incrementally (its own tab's as handed by ingest, other tabs' read back from the shared store,
 * so every tab converges on the same state; ids of recent events make each fold exactly once),
 * and answers `profile()` (with `learned`, counted from the last `learningResetAt`) and `audiences()`. Events that retention
 * deletes stay folded. Without a persisted state it rebuilds from every stored event.
 */
export function profileService(
  options: {
    centroids?: () => SegmentCentroids | undefined;
    /** Purchase-intent weights from the artifact; the documented defaults without one. */
    intentModel?: () => IntentModel | undefined;
  } = {},
): WorkerService {
  let ctx!: ServiceContext;
  let index: Promise<CatalogIndex> | undefined;
  let loaded: Persisted | undefined;
  /** Whether a fold changed the state since the last save, and the oldest `ts` it folded. */
  let dirty = false;
  let unsavedFrom = Infinity;
  /** The cursor of the last save: after a reload the catch-up reads from its late window on. */
  let savedCursor: number | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  const catalogIndex = () =>
    (index ??= ctx.catalog().then((c) => buildCatalogIndex(c ?? { items: [] })));

  const load = async (): Promise<Persisted> => {
    if (loaded !== undefined) return loaded;
    const saved = (await ctx.store().getState('profile', PROFILE_STATE_KEY)) as
      Persisted | undefined;
    const usable =
      saved?.state?.version === 2 && saved.state.halfLifeDays === DEFAULT_HALF_LIFE_DAYS;
    loaded = usable ? saved : { state: createProfileState(), cursor: null, recent: {} };
    savedCursor = loaded.cursor;
    return loaded;
  };

  /**
   * Writes the state if a fold changed it since the last save. Folds change it synchronously,
   * so any moment between them is a consistent snapshot: no need to wait for the fold queue.
   */
  const save = async (): Promise<void> => {
    clearTimeout(timer);
    timer = undefined;
    const p = loaded;
    if (!dirty || p === undefined) return;
    const keepFrom = (p.cursor ?? 0) - LATE_WINDOW_MS;
    for (const [id, ts] of Object.entries(p.recent)) if (ts < keepFrom) delete p.recent[id];
    const [cursor, from] = [p.cursor, unsavedFrom];
    dirty = false;
    unsavedFrom = Infinity;
    try {
      // The memory store keeps it for consent(true) to carry over, as it does the events.
      await ctx.store().putState('profile', PROFILE_STATE_KEY, p as unknown as JsonValue);
      savedCursor = cursor;
    } catch (error) {
      if (loaded !== p) return; // dropped meanwhile: the store was switched or erased
      dirty = true;
      unsavedFrom = Math.min(unsavedFrom, from);
      throw error;
    }
  };
  const saveSoon = () => void save().catch((e: unknown) => ctx.report(toErrorInfo(e)));

  /**
   * Folds the events the state does not include yet (by id), oldest first. The save follows
   * within `SAVE_MS`; at once when a reload's catch-up would not read an event again.
   */
  const fold = async (p: Persisted, events: readonly StoredEvent[]): Promise<Persisted> => {
    const todo = events.filter((e) => p.recent[e.id] === undefined).sort((a, b) => a.ts - b.ts);
    if (todo.length === 0) return p;
    // The review lexicons (~26 KB) load with the first review text, not on every first page.
    if (!sentimentReady() && todo.some(hasReviewText)) await import('@insitu/core/sentiment');
    const idx = await catalogIndex();
    for (const e of todo) {
      if (p.recent[e.id] !== undefined) continue; // the same id twice in one batch
      foldEvent(p.state, e, idx);
      p.recent[e.id] = e.ts;
      p.cursor = Math.max(p.cursor ?? e.ts, e.ts);
      unsavedFrom = Math.min(unsavedFrom, e.ts);
    }
    dirty = true;
    if (savedCursor !== null && unsavedFrom < savedCursor - LATE_WINDOW_MS) await save();
    else timer ??= setTimeout(saveSoon, SAVE_MS);
    return p;
  };

  /** Reads back the stored events the state may not include (other tabs', earlier pages') and folds them. */
  const catchUp = async (): Promise<Persisted> => {
    const p = await load();
    const store = ctx.store();
    const since = p.cursor === null ? -Infinity : p.cursor - LATE_WINDOW_MS;
    let fresh: StoredEvent[] = p.cursor === null ? [] : await store.recent(CATCH_UP_LIMIT, since);
    if (p.cursor === null || fresh.length >= CATCH_UP_LIMIT) {
      fresh = (await store.all()).filter((e) => e.ts >= since);
    }
    return fold(p, fresh);
  };

  /**
   * This tab's own batch, already stored: fold the events as handed, without reading them back
   * (reading back after every batch halved ingest throughput). The store is read only on the
   * first batch after a (re)load, which catches up with whatever was stored meanwhile.
   */
  const foldOwn = (events: readonly StoredEvent[]) =>
    loaded === undefined ? catchUp() : fold(loaded, events);

  // One fold at a time: two overlapping catch-ups would fold the same events twice.
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };

  const current = async () => {
    const p = await serial(catchUp);
    const lang = localeOf(ctx.config);
    const centroids = options.centroids?.();
    const intentModel = options.intentModel?.();
    return buildProfile(p.state, await catalogIndex(), Date.now(), {
      lang,
      ...(centroids === undefined ? {} : { centroids }),
      ...(intentModel === undefined ? {} : { intentModel }),
    });
  };

  /** What was learned since the last reset (none recorded: since the first event). */
  const learned = async () => {
    const [p, index, meta] = await Promise.all([load(), catalogIndex(), ctx.store().meta()]);
    const since = meta[LEARNING_RESET_KEY];
    return learnedSummary(p.state.shopper, index, {
      locale: localeOf(ctx.config),
      ...(typeof since === 'number' ? { since } : {}),
    });
  };

  return {
    name: 'profile',
    start(c) {
      ctx = c;
    },
    onEvents: (events) => serial(() => foldOwn(events)).then(() => undefined),
    onExternalChange: () => serial(catchUp).then(() => undefined),
    persist: save,
    // After the folds queued before it (the batch whose transaction pruned is among them): a
    // reload could not fold again what retention deleted, so save what it folded now.
    onPruned: (upTo) => serial(() => (dirty && unsavedFrom <= upTo ? save() : Promise.resolve())),
    onStorageReset() {
      // Consent moved the data (saved first) or forget() erased it: re-read the new store.
      clearTimeout(timer);
      timer = undefined;
      loaded = undefined;
      dirty = false;
      unsavedFrom = Infinity;
    },
    async profile() {
      const profile = await current();
      return { ...profile, learned: await learned() } as unknown as JsonObject;
    },
    async audiences(): Promise<AudienceMatch[]> {
      const defs: AudienceDefinition[] = validateAudiences(ctx.config.audiences ?? []);
      return matchAudiences(await current(), defs);
    },
  };
}
