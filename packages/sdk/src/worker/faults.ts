import type { TestFaults } from '../protocol.ts';
import type { EventStore } from './store/event-store.ts';

/**
 * Test fault injection (`TestFaults`, set by a test entry point): the next `quota` writes throw the `QuotaExceededError`
 * a full disk gives, since real quota cannot be filled quickly in a test.
 */
export function withFaults(store: EventStore, faults: TestFaults | undefined): EventStore {
  let quota = faults?.quota ?? 0;
  if (quota <= 0) return store;
  const put = store.put.bind(store);
  store.put = (events, trim) => {
    if (quota > 0) {
      quota--;
      return Promise.reject(new DOMException('Quota exceeded (test fault).', 'QuotaExceededError'));
    }
    return put(events, trim);
  };
  return store;
}
