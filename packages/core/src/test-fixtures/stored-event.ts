import type { StoredEvent } from '../events.ts';

let n = 0;

/** A stored event with a fresh id, for tests of what events do. */
export const storedEvent = (
  name: string,
  props: StoredEvent['props'],
  ts: number,
): StoredEvent => ({
  id: `e${++n}`,
  name,
  props,
  ts,
  items: [],
});
