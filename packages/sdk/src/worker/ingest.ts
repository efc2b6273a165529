import {
  DAY_MS,
  InsituError,
  toErrorInfo,
  validateEvent,
  type ErrorInfo,
  type RawEvent,
  type Result,
  type StoredEvent,
} from '@insitu/core';
import type { EventStore } from './store/event-store.ts';

/** Events per IndexedDB transaction: large enough to amortise a commit, small enough to stay short. */
const BATCH = 1000;

/**
 * How far past `maxEvents` the store may grow while events keep arriving before retention runs:
 * pruning in chunks of this size instead of after every batch keeps ingest fast at the cap.
 * When the queue empties (so before `flush()` resolves) the store is trimmed to `maxEvents`.
 */
export const pruneSlack = (maxEvents: number) => Math.max(500, Math.ceil(maxEvents * 0.05));
/** Prune-and-retry rounds after a quota error before a batch is reported as dropped. */
const QUOTA_RETRIES = 3;

/** What ingestion needs from the rest of the worker. */
export interface IngestDeps {
  store(): EventStore;
  retention(): { maxAgeDays: number; maxEvents: number };
  report(error: ErrorInfo): void;
  stored(events: readonly StoredEvent[]): void;
  /** Retention or a quota error deleted stored events. */
  pruned?(): void;
}

/** validateEvent never throws; the guard keeps a future bug in it from costing a whole batch. */
function checked(raw: RawEvent): Result<StoredEvent> {
  try {
    return validateEvent(raw);
  } catch (e) {
    const message = `Event could not be validated: ${toErrorInfo(e).message}`;
    return { ok: false, error: new InsituError('invalid_event', message, { field: 'event' }) };
  }
}

/** The event's name for a message, quoted and cut short; never throws. */
function nameOf(raw: RawEvent): string {
  try {
    const name: unknown = (raw as { name?: unknown } | null)?.name;
    return typeof name === 'string' ? `"${name.slice(0, 100)}"` : `(name: ${typeof name})`;
  } catch {
    return '(unreadable)';
  }
}

const isQuota = (e: unknown) =>
  e instanceof DOMException && (e.name === 'QuotaExceededError' || e.code === 22);

/**
 * Validates incoming events and writes the valid ones in batched transactions, one writer at a
 * time, so batches from quick successive `ingest` calls coalesce into few transactions.
 */
export class Ingest {
  readonly counts = { stored: 0, invalid: 0, dropped: 0 };
  private pending: StoredEvent[] = [];
  private running: Promise<void> | null = null;
  /** Ids of queued events the page sent again; those already stored are skipped. */
  private readonly resent = new Set<string>();
  /** Valid events received, and how many of them are written or dropped (in order: FIFO). */
  private received = 0;
  private done = 0;
  private waiters: { at: number; resolve: () => void }[] = [];
  /** Events in the store, counted by the last prune and kept up to date by the writes since. */
  private size: { store: EventStore; events: number } | undefined;

  constructor(private readonly deps: IngestDeps) {}

  /**
   * Validates events and queues the valid ones. `resent`: the page sends them again because it
   * was closed before hearing they were stored; any already stored are skipped, so neither the
   * store nor the services see an event twice.
   */
  receive(events: readonly RawEvent[], resent = false): void {
    let invalid = 0;
    // Each event on its own: one that cannot be validated is rejected alone, never its batch.
    for (const raw of Array.isArray(events) ? events : []) {
      const result = checked(raw);
      if (result.ok) {
        this.pending.push(result.value);
        this.received++;
        if (resent) this.resent.add(result.value.id);
      } else {
        invalid++;
        const info = toErrorInfo(result.error);
        this.deps.report({
          ...info,
          message: `Event ${nameOf(raw)} was not stored: ${info.message}`,
        });
      }
    }
    if (invalid > 0) {
      this.counts.invalid += invalid;
      this.count({ invalid });
    }
    this.running ??= this.drain().finally(() => (this.running = null));
  }

  /** Resolves when every event received so far has been written (or reported as dropped). */
  async flush(): Promise<void> {
    while (this.running) await this.running;
  }

  /**
   * Like `flush()`, but events received later do not delay it: the page's acknowledgement that
   * what it sent is stored (or rejected), so it can stop keeping a copy.
   */
  settled(): Promise<void> {
    const at = this.received;
    if (at <= this.done) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ at, resolve }));
  }

  private settle(n: number): void {
    this.done += n;
    while (this.waiters[0] && this.waiters[0].at <= this.done) this.waiters.shift()?.resolve();
  }

  private count(delta: { invalid?: number; dropped?: number; pruned?: number }): void {
    if ((delta.pruned ?? 0) > 0) this.deps.pruned?.();
    this.deps
      .store()
      .addCounters(delta)
      .catch(() => undefined); // Counters are informative; a failed update must not stop ingest.
  }

  private async drain(): Promise<void> {
    do {
      while (this.pending.length > 0) await this.write(this.pending.splice(0, BATCH));
      // Idle: apply the age rule and trim the slack, so a flush() sees at most maxEvents.
      await this.retain(this.deps.store(), true);
    } while (this.pending.length > 0); // events that arrived during that prune
  }

  /**
   * Runs retention when the store has grown `pruneSlack` past the cap, or always when `idle`.
   * The running count saves counting the store after every batch; a prune recounts inside its
   * transaction, so writes of other tabs are caught up with there.
   */
  private async retain(store: EventStore, idle: boolean): Promise<void> {
    const { maxEvents } = this.deps.retention();
    const known = this.size?.store === store ? this.size.events : undefined;
    if (!idle && known !== undefined && known <= maxEvents + pruneSlack(maxEvents)) return;
    const result = await store.prune(this.rule()).catch(() => undefined);
    this.size = result ? { store, events: result.left } : undefined;
    if (result && result.removed > 0) this.count({ pruned: result.removed });
  }

  private rule(extra = 0) {
    const { maxAgeDays, maxEvents } = this.deps.retention();
    return { cutoff: Date.now() - maxAgeDays * DAY_MS, maxEvents, extra };
  }

  private async write(batch: StoredEvent[]): Promise<void> {
    let fresh = batch;
    let store: EventStore | undefined;
    try {
      fresh = await this.unknown(batch);
      store = fresh.length > 0 ? await this.put(fresh) : undefined;
    } finally {
      this.settle(batch.length);
    }
    if (!store) return;
    this.counts.stored += fresh.length;
    if (this.size?.store === store) this.size.events += fresh.length;
    this.deps.stored(fresh);
    await this.retain(store, false);
  }

  /** The batch without the re-sent events that the store already holds. */
  private async unknown(batch: StoredEvent[]): Promise<StoredEvent[]> {
    const ids = batch.map((e) => e.id).filter((id) => this.resent.delete(id));
    if (ids.length === 0) return batch;
    // On a read error, write them all: the store is keyed by id, so it still keeps one copy.
    const known = await this.deps
      .store()
      .existing(ids)
      .catch(() => new Set<string>());
    return known.size === 0 ? batch : batch.filter((e) => !known.has(e.id));
  }

  /** Writes one batch, pruning and retrying on quota errors; returns the store it went to. */
  private async put(batch: StoredEvent[]): Promise<EventStore | undefined> {
    for (let attempt = 0; ; attempt++) {
      const store = this.deps.store();
      try {
        await store.put(batch);
        return store;
      } catch (error) {
        if (isQuota(error) && attempt < QUOTA_RETRIES) {
          // Make room for this batch and some more, oldest first, then retry.
          const room = Math.max(batch.length, Math.ceil((await store.count().catch(() => 0)) / 10));
          const pruned = await store.prune(this.rule(room)).catch(() => undefined);
          this.size = pruned ? { store, events: pruned.left } : undefined;
          this.count({ pruned: pruned?.removed ?? 0 });
          continue;
        }
        if (!isQuota(error) && attempt === 0) continue; // e.g. connection closed by another tab
        this.counts.dropped += batch.length;
        this.count({ dropped: batch.length });
        const info = toErrorInfo(error);
        this.deps.report({
          code: isQuota(error) ? 'quota_exceeded' : 'storage_unavailable',
          message: `${batch.length} events could not be stored: ${info.message}`,
        });
        return undefined;
      }
    }
  }
}
