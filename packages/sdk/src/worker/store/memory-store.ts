import type { JsonObject, JsonValue, StoredEvent } from '@insitu/core';
import type { CounterName, EventStore, PruneResult, PruneRule, StateStore } from './event-store.ts';
import { SCHEMA_VERSION } from './schema.ts';

/**
 * Page-memory storage with the IndexedDB store's behaviour: used before consent and when
 * IndexedDB is unusable. Nothing outlives the worker.
 */
export class MemoryStore implements EventStore {
  readonly kind = 'memory';
  private readonly events = new Map<string, StoredEvent>();
  private readonly metaMap = new Map<string, JsonValue>([
    ['schemaVersion', SCHEMA_VERSION],
    ['createdAt', Date.now()],
  ]);
  private readonly states = { profile: new Map<string, JsonValue>(), model: new Map() };

  private sorted(): StoredEvent[] {
    return [...this.events.values()].sort((a, b) => a.ts - b.ts);
  }

  async put(events: readonly StoredEvent[], trim?: PruneRule): Promise<PruneResult | undefined> {
    // Clone as IndexedDB would, so callers cannot mutate what is stored.
    for (const e of events) this.events.set(e.id, structuredClone(e));
    return trim ? this.prune(trim) : undefined;
  }

  async count(): Promise<number> {
    return this.events.size;
  }

  async existing(events: readonly Pick<StoredEvent, 'id' | 'ts'>[]): Promise<Set<string>> {
    return new Set(events.filter((e) => this.events.has(e.id)).map((e) => e.id));
  }

  async recent(limit: number, since = -Infinity): Promise<StoredEvent[]> {
    return this.sorted()
      .filter((e) => e.ts >= since)
      .reverse()
      .slice(0, limit);
  }

  async all(): Promise<StoredEvent[]> {
    return this.sorted();
  }

  async prune(rule: PruneRule): Promise<PruneResult> {
    const events = this.sorted();
    const old = events.filter((e) => e.ts < rule.cutoff);
    const rest = events.length - old.length;
    const excess = Math.max(0, rest - rule.maxEvents) + (rule.extra ?? 0);
    const gone = [...old, ...events.slice(old.length, old.length + excess)];
    for (const e of gone) this.events.delete(e.id);
    // Oldest first: the last one removed is the newest.
    return { removed: gone.length, left: this.events.size, upTo: gone.at(-1)?.ts ?? -Infinity };
  }

  async meta(): Promise<JsonObject> {
    return Object.fromEntries(this.metaMap);
  }

  async setMeta(key: string, value: JsonValue): Promise<void> {
    this.metaMap.set(key, value);
  }

  async addCounters(delta: Partial<Record<CounterName, number>>): Promise<void> {
    for (const [name, n] of Object.entries(delta)) {
      const old = this.metaMap.get(`count.${name}`);
      this.metaMap.set(`count.${name}`, (typeof old === 'number' ? old : 0) + n);
    }
  }

  async getState(store: StateStore, key: string): Promise<JsonValue | undefined> {
    return this.states[store].get(key) as JsonValue | undefined;
  }

  async putState(store: StateStore, key: string, value: JsonValue): Promise<void> {
    this.states[store].set(key, value);
  }

  async deleteState(store: StateStore, key: string): Promise<void> {
    this.states[store].delete(key);
  }

  async allState(store: StateStore): Promise<JsonObject> {
    return Object.fromEntries(this.states[store]) as JsonObject;
  }

  close(): void {}
}
