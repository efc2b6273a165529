import { describe, expect, it } from 'vitest';
import { eventIds } from './event-id.ts';

describe('eventIds', () => {
  it('makes ids that sort by time and never repeat, within a page and across pages', () => {
    const a = eventIds();
    const b = eventIds();
    const t = 1_760_000_000_000;
    // Same millisecond, nudged by a microsecond as the client does, and a second page.
    const ids = [a(t), a(t + 0.001), b(t + 0.001), a(t + 0.002), a(t + 5)];
    expect(new Set(ids).size).toBe(ids.length);
    expect([ids[0]!, ids[1]!, ids[3]!, ids[4]!]).toEqual(
      [ids[0]!, ids[1]!, ids[3]!, ids[4]!].sort(),
    );
    expect(ids[1]!.slice(11)).not.toBe(ids[2]!.slice(11)); // another page, another prefix
    const many = new Set(Array.from({ length: 10_000 }, () => a(t)));
    expect(many.size).toBe(10_000); // equal times: the counter keeps them apart
  });
});
