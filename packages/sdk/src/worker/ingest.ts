import {
  toErrorInfo,
  validateEvent,
  type ErrorInfo,
  type RawEvent,
  type StoredEvent,
} from '@insitu/core';
import type { EventStore } from './store/event-store.ts';

/** Events per IndexedDB transaction: large enough to amortise a commit, small enough to stay short. */
const BATCH = 500;
/** Prune-and-retry rounds after a quota error before a batch is reported as dropped. */
const QUOTA_RETRIES = 3;
const DAY = 86_400_000;

/** What ingestion needs from the rest of the worker. */
export interface IngestDeps {
  store(): EventStore;
  retention(): { maxAgeDays: number; maxEvents: number };
  report(error: ErrorInfo): void;
  stored(events: readonly StoredEvent[]): void;
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

  constructor(private readonly deps: IngestDeps) {}

  receive(events: readonly RawEvent[]): void {
    let invalid = 0;
    for (const raw of events) {
      const result = validateEvent(raw);
      if (result.ok) {
        this.pending.push(result.value);
      } else {
        invalid++;
        const info = toErrorInfo(result.error);
        const name = typeof raw.name === 'string' ? raw.name.slice(0, 100) : String(raw.name);
        this.deps.report({ ...info, message: `Event "${name}" was not stored: ${info.message}` });
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

  private count(delta: { invalid?: number; dropped?: number; pruned?: number }): void {
    this.deps
      .store()
      .addCounters(delta)
      .catch(() => undefined); // Counters are informative; a failed update must not stop ingest.
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0) await this.write(this.pending.splice(0, BATCH));
  }

  private rule(extra = 0) {
    const { maxAgeDays, maxEvents } = this.deps.retention();
    return { cutoff: Date.now() - maxAgeDays * DAY, maxEvents, extra };
  }

  private async write(batch: StoredEvent[]): Promise<void> {
    const store = await this.put(batch);
    if (!store) return;
    this.counts.stored += batch.length;
    this.deps.stored(batch);
    const pruned = await store.prune(this.rule()).catch(() => 0);
    if (pruned > 0) this.count({ pruned });
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
          const pruned = await store.prune(this.rule(room)).catch(() => 0);
          this.count({ pruned });
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
