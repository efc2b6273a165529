import type { RawEvent } from '@insitu/core';

/**
 * Events the page posted but the worker has not yet confirmed as stored. A navigation can end
 * the worker before its IndexedDB transaction commits, so on `pagehide` the page copies them to
 * `<dbName>:pending` (localStorage is written synchronously, IndexedDB is not) and the next page
 * sends them again; the worker skips those it did store. Several tabs share the key: each
 * replaces only the entries it wrote itself.
 */
export function pendingEvents(dbName: string) {
  const key = `${dbName}:pending`;
  const posted = new Map<string, RawEvent>();
  /** Ids this page last wrote under the key. */
  let saved = new Set<string>();

  const read = (): RawEvent[] => {
    try {
      const value: unknown = JSON.parse(localStorage.getItem(key) ?? '[]');
      return Array.isArray(value)
        ? (value as RawEvent[]).filter((e) => typeof e?.id === 'string' && typeof e.ts === 'number')
        : [];
    } catch {
      return []; // Not ours to understand: replaced or removed below.
    }
  };

  /** Writes the unconfirmed events under the key, keeping other tabs' entries. Synchronous. */
  const save = () => {
    try {
      const mine = [...posted.values()];
      const all = read()
        .filter((e) => !saved.has(e.id) && !posted.has(e.id))
        .concat(mine);
      saved = new Set(mine.map((e) => e.id));
      if (all.length > 0) localStorage.setItem(key, JSON.stringify(all));
      else localStorage.removeItem(key);
    } catch {
      // Storage blocked or full: the worker may still finish the write.
    }
  };

  return {
    /** Takes (reads and removes) what a previous page left under the key. */
    take(): RawEvent[] {
      const events = read();
      try {
        localStorage.removeItem(key);
      } catch {
        // Blocked storage: read() found nothing either.
      }
      return events;
    },
    posted(events: readonly RawEvent[]) {
      for (const e of events) posted.set(e.id, e);
    },
    /** The worker stored (or rejected) them; shrinks the saved copy if one was written. */
    confirmed(events: readonly RawEvent[]) {
      for (const e of events) posted.delete(e.id);
      if (saved.size > 0) save();
    },
    save,
    /** Drops every copy, this page's and the key's: forget() or a refusal erases them anyway. */
    clear() {
      posted.clear();
      saved = new Set();
      try {
        localStorage.removeItem(key);
      } catch {
        // Nothing stored when storage is blocked.
      }
    },
  };
}
