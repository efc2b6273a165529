import { validateEvent, type StoredEvent } from '@insitu/core';
import type { TrackedEvent } from './simulate.ts';

/** Tracked events as the worker stores them (validated; ids `e0`, `e1`, …). Throws on a bad one. */
export function toStoredEvents(events: readonly TrackedEvent[]): StoredEvent[] {
  return events.map((e, i) => {
    const r = validateEvent({ id: `e${i}`, name: e.event, props: e.properties, ts: e.timestamp });
    if (!r.ok) throw r.error;
    return r.value;
  });
}
