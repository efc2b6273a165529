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
import type { EventStore, PruneResult, PruneRule } from './store/event-store.ts';

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
  /** Retention or a quota error deleted stored events, none with a `ts` after `upTo`. */
  pruned?(upTo: number): void;
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

/** How a batch's write ended: `store` is where it went (none: dropped or nothing new). */
interface Written {
  fresh: StoredEvent[];
  store?: EventStore;
  /** What the retention in the same transaction removed. */
  trimmed?: PruneResult;
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
   * store nor the services see an event twice. `refused`: events the page refused (never sent),
   * added to the stored invalid counter only (the page counts them in its own stats).
   */
  receive(events: readonly RawEvent[], resent = false, refused = 0): void {
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
    if (invalid > 0) this.counts.invalid += invalid;
    if (invalid + refused > 0) this.count({ invalid: invalid + refused });
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
    this.deps
      .store()
      .addCounters(delta)
      .catch(() => undefined); // Counters are informative; a failed update must not stop ingest.
  }

  /**
   * Writes the queue in batches with two transactions in flight: the next one is queued before
   * the current one commits, so IndexedDB never waits on this thread (validating, folding,
   * cloning the next batch) between them. Batches are acknowledged and handed on in order.
   */
  private async drain(): Promise<void> {
    do {
      let previous: Promise<void> = Promise.resolve();
      let ahead = 0; // events of the batch in flight
      while (this.pending.length > 0) {
        const batch = this.pending.splice(0, BATCH);
        const writing = this.write(batch, ahead);
        ahead = batch.length;
        await previous;
        // Reported, not thrown: a failure here must not leave the batch in flight unacknowledged.
        previous = this.written(batch, writing).catch((e: unknown) =>
          this.deps.report(toErrorInfo(e)),
        );
      }
      await previous;
      // Idle: apply the age rule and trim the slack, so a flush() sees at most maxEvents.
      const store = this.deps.store();
      this.pruned(store, await store.prune(this.rule()).catch(() => undefined));
    } while (this.pending.length > 0); // events that arrived during that prune
  }

  private pruned(store: EventStore, result: PruneResult | undefined): void {
    this.size = result ? { store, events: result.left } : undefined;
    if (!result || result.removed === 0) return;
    this.deps.pruned?.(result.upTo);
    this.count({ pruned: result.removed });
  }

  private rule(extra = 0): PruneRule {
    const { maxAgeDays, maxEvents } = this.deps.retention();
    return { cutoff: Date.now() - maxAgeDays * DAY_MS, maxEvents, extra };
  }

  /**
   * Retention for the batch's own transaction when the store will have grown `pruneSlack` past
   * the cap (`ahead`: events in flight before it). The running count saves counting the store
   * after every batch; a prune recounts inside its transaction, catching up with other tabs.
   */
  private trimFor(store: EventStore, events: number, ahead: number): PruneRule | undefined {
    const { maxEvents } = this.deps.retention();
    if (this.size?.store !== store) return this.rule();
    const after = this.size.events + ahead + events;
    return after > maxEvents + pruneSlack(maxEvents) ? this.rule() : undefined;
  }

  /** Writes a batch: the store it went to and the events new to it (none when dropped). */
  private async write(batch: StoredEvent[], ahead: number): Promise<Written> {
    const fresh = await this.unknown(batch);
    return fresh.length > 0 ? this.put(fresh, ahead) : { fresh };
  }

  /** Once the batch's write ends: acknowledges it, counts it, hands it on. Called in order. */
  private async written(batch: StoredEvent[], writing: Promise<Written>): Promise<void> {
    let done: Written | undefined;
    try {
      done = await writing;
    } finally {
      this.settle(batch.length);
    }
    const { fresh, store, trimmed } = done;
    if (!store) return;
    this.counts.stored += fresh.length;
    if (trimmed) this.pruned(store, trimmed);
    else if (this.size?.store === store) this.size.events += fresh.length;
    this.deps.stored(fresh);
  }

  /** The batch without the re-sent events that the store already holds. */
  private async unknown(batch: StoredEvent[]): Promise<StoredEvent[]> {
    const resent = batch.filter((e) => this.resent.delete(e.id));
    if (resent.length === 0) return batch;
    // On a read error, write them all: a write skips the events stored already (one copy each).
    const known = await this.deps
      .store()
      .existing(resent)
      .catch(() => new Set<string>());
    return known.size === 0 ? batch : batch.filter((e) => !known.has(e.id));
  }

  /** Writes one batch, trimming if due, pruning and retrying on quota errors. */
  private async put(batch: StoredEvent[], ahead: number): Promise<Written> {
    for (let attempt = 0; ; attempt++) {
      const store = this.deps.store();
      // A retry does not trim: if trimming is what failed, the idle prune still runs.
      const trim = attempt === 0 ? this.trimFor(store, batch.length, ahead) : undefined;
      try {
        const trimmed = await store.put(batch, trim);
        return { fresh: batch, store, ...(trimmed ? { trimmed } : {}) };
      } catch (error) {
        if (isQuota(error) && attempt < QUOTA_RETRIES) {
          // Make room for this batch and some more, oldest first, then retry.
          const room = Math.max(batch.length, Math.ceil((await store.count().catch(() => 0)) / 10));
          this.pruned(store, await store.prune(this.rule(room)).catch(() => undefined));
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
        return { fresh: batch };
      }
    }
  }
}
