import type { ConsentMode } from '../protocol.ts';

/**
 * The consent decision lives in localStorage under `<dbName>:consent`, not in IndexedDB: the page
 * must know it synchronously before the worker opens anything, and reading it from IndexedDB
 * would create the very database a refusal forbids. `forget()` removes every `<dbName>:` key.
 */
export const consentKey = (dbName: string) => `${dbName}:consent`;

/** Reads a stored decision; storage that throws (blocked cookies) counts as no decision. */
export function readConsent(dbName: string): 'granted' | 'denied' | undefined {
  try {
    const v = localStorage.getItem(consentKey(dbName));
    return v === 'granted' || v === 'denied' ? v : undefined;
  } catch {
    return undefined;
  }
}

/** Stores an explicit decision; best effort. */
export function writeConsent(dbName: string, granted: boolean): void {
  try {
    localStorage.setItem(consentKey(dbName), granted ? 'granted' : 'denied');
  } catch {
    // Without localStorage the decision holds for this page only.
  }
}

/**
 * Whether insitu may store beyond the page: an explicit decision wins; otherwise Global Privacy
 * Control is a refusal, and mode `required` waits for `consent(true)`.
 */
export function mayPersist(mode: ConsentMode, dbName: string, gpc: boolean): boolean {
  const decision = readConsent(dbName);
  if (decision) return decision === 'granted';
  return !gpc && mode === 'granted';
}

/** Every Web Storage entry insitu wrote, by key (for export). */
export function localEntries(dbName: string): Record<string, string> {
  const out: Record<string, string> = {};
  try {
    for (const storage of [localStorage, sessionStorage]) {
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i);
        if (key?.startsWith(`${dbName}:`)) out[key] = storage.getItem(key) ?? '';
      }
    }
  } catch {
    // Blocked storage holds nothing of ours.
  }
  return out;
}

/** Removes every Web Storage entry insitu wrote. */
export function clearLocal(dbName: string): void {
  try {
    for (const storage of [localStorage, sessionStorage]) {
      for (const key of Object.keys(localEntries(dbName))) storage.removeItem(key);
    }
  } catch {
    // Nothing to remove when storage is blocked.
  }
}
