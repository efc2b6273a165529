// Property-based fuzzing of the whole public API against a real client, worker and IndexedDB:
// thousands of random calls (junk and valid ones mixed), then checks that nothing escaped into the
// page, every rejection is a coded InsituError, and no stored event was lost or changed.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InsituError, type StoredEvent } from '@insitu/core';
import { SEGMENT_V2_EXAMPLES } from '../../../core/src/test-fixtures/segment-v2-events.ts';
import { createInsitu } from './index.ts';
import type { Insitu } from './types.ts';

const catalog = new URL('../worker/test-fixtures/catalog.json', import.meta.url).href;
const RUNS = 10;
const CALLS_PER_RUN = 1000;
/** A new seed each time (printed, and by fast-check on failure) to cover new ground. */
const SEED = Date.now() % 2 ** 31;

// ---- values no JSON store can keep, and names that trip naive lookups ----
const PROTO_NAMES = Object.getOwnPropertyNames(Object.prototype);
const cyclic = (): object => {
  const o: Record<string, unknown> = { product_id: 'p1' };
  o['self'] = { back: o };
  return o;
};
class Thing {
  price = 1;
}
const special = fc.constantFrom<() => unknown>(
  () => Symbol('s'),
  () => () => 1,
  () => 10n,
  () => new Date(),
  () => new Date(Number.NaN),
  cyclic,
  () => document.createElement('div'),
  () => new Map([[1, 2]]),
  () => new Set([1]),
  () => new Thing(),
  () => new Uint8Array(4),
  () => 'x'.repeat(70_000),
  () => Object.create(null) as object,
  () => Number.NaN,
  () => [undefined, 1],
  () => JSON.parse('{"__proto__": {"polluted": true}}') as object,
  () => Promise.resolve(1),
  () => new Error('e'),
);
const anything = fc.anything({
  maxDepth: 3,
  withBigInt: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
  withBoxedValues: true,
});
const junk = fc.oneof(
  anything,
  special.map((make) => make()),
);
const key = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom(...PROTO_NAMES));
const junkProps = fc.oneof(fc.dictionary(key, junk, { maxKeys: 6 }), junk);
const name = fc.oneof(
  fc.constantFrom(...PROTO_NAMES, ...SEGMENT_V2_EXAMPLES.map(([n]) => n)),
  fc.string({ maxLength: 20 }),
  junk,
);
/** A track() that validateEvent must refuse: a name that is no string, or a poisoned property. */
const badTrack = fc.oneof(
  fc.record({
    m: fc.constant('track' as const),
    name: junk.filter((v) => typeof v !== 'string'),
    props: junkProps,
  }),
  fc.record({
    m: fc.constant('track' as const),
    name,
    props: fc
      .tuple(
        fc.dictionary(key, junk, { maxKeys: 4 }),
        fc.constantFrom(10n, Symbol('p'), () => 1),
      )
      .map(([o, poison]) => ({ ...o, poisoned: poison })),
  }),
);
const strategy = fc.oneof(
  fc.constantFrom('for-you', 'similar-items', 'bought-together', 'trending', 'recently-viewed'),
  junk,
);
const maybe = <T>(a: fc.Arbitrary<T>) => fc.oneof(a, junk);
const request = fc.oneof(
  junk,
  fc.record(
    {
      strategy,
      limit: maybe(fc.integer({ min: -5, max: 120 })),
      itemId: maybe(fc.constantFrom('p1', 'p2', 'nope')),
      diversity: maybe(fc.double({ min: -1, max: 2, noNaN: true })),
      filter: maybe(
        fc.record(
          {
            categories: maybe(fc.array(fc.string({ maxLength: 6 }), { maxLength: 3 })),
            brands: maybe(fc.array(fc.string({ maxLength: 6 }), { maxLength: 3 })),
            minPrice: maybe(fc.double({ min: -10, max: 200, noNaN: true })),
            maxPrice: maybe(fc.double({ min: -10, max: 200, noNaN: true })),
            inStock: maybe(fc.boolean()),
          },
          { requiredKeys: [] },
        ),
      ),
      exclude: maybe(
        fc.record({ ids: maybe(fc.array(fc.string(), { maxLength: 3 })) }, { requiredKeys: [] }),
      ),
      context: maybe(fc.record({ category: maybe(fc.string()) }, { requiredKeys: [] })),
      extra: junk,
    },
    { requiredKeys: ['strategy'] },
  ),
);
const NO_ARGS = [
  'profile',
  'audiences',
  'export',
  'resetLearning',
  'ready',
  'flush',
  'stats',
] as const;
/** A call of any public method except the two that erase by design (forget(), consent(false)). */
const call = fc.oneof(
  { weight: 4, arbitrary: fc.record({ m: fc.constant('track' as const), name, props: junkProps }) },
  { weight: 2, arbitrary: badTrack },
  {
    weight: 2,
    arbitrary: fc.record({
      m: fc.constant('valid' as const),
      i: fc.nat({ max: SEGMENT_V2_EXAMPLES.length - 1 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ m: fc.constant('recommend' as const), request }) },
  {
    weight: 1,
    arbitrary: fc
      .record({
        m: fc.constant('consent' as const),
        value: fc.oneof(junk, fc.constantFrom('true', 'false', 1, 0, 'yes', {}, null, true)),
      })
      .filter((c) => c.value !== false),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      m: fc.constantFrom(...NO_ARGS),
      // Mostly junk arguments (refused); sometimes a real call, except export (costly).
      args: fc.array(junk, { maxLength: 2 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      m: fc.constant('forget' as const),
      args: fc
        .array(junk, { minLength: 1, maxLength: 2 })
        .filter((a) => a.some((x) => x !== undefined)),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      m: fc.constant('on' as const),
      type: fc.oneof(fc.constantFrom('error', 'ready', 'change', ...PROTO_NAMES), junk),
      fn: fc.oneof(
        fc.constant(() => undefined),
        junk,
      ),
    }),
  },
);
type Call = typeof call extends fc.Arbitrary<infer C> ? C : never;

// ---- the client under test, and what the page saw ----
const pageErrors: string[] = [];
const onRejection = (e: PromiseRejectionEvent) =>
  pageErrors.push(`unhandledrejection: ${String(e.reason)}`);
const onError = (e: ErrorEvent) => pageErrors.push(`error: ${e.message}`);
addEventListener('unhandledrejection', onRejection);
addEventListener('error', onError);
afterAll(() => {
  removeEventListener('unhandledrejection', onRejection);
  removeEventListener('error', onError);
});

const clients: Insitu[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.forget().catch(() => undefined)));
});

const count = (tally: Record<string, number>, k: string) => (tally[k] = (tally[k] ?? 0) + 1);
const byId = (events: readonly StoredEvent[]) => new Map(events.map((e) => [e.id, e]));
/** The profile without its clock: numbers rounded, so a few seconds of decay do not count. */
const stable = (profile: unknown) =>
  JSON.stringify(profile, (k, v: unknown) =>
    k === 'updatedAt' ? undefined : typeof v === 'number' ? Math.round(v * 100) / 100 : v,
  );

describe('fuzzing every public method', () => {
  it('loses no event, throws nothing into the page and rejects only with coded InsituErrors', async () => {
    const started = performance.now();
    const c = createInsitu({
      dbName: `fuzz-${crypto.randomUUID()}`,
      catalog,
      maxEvents: 1_000_000,
    });
    clients.push(c);
    const reported: Record<string, number> = {};
    const rejected: Record<string, number> = {};
    const problems: string[] = [];
    c.on('error', (e) => count(reported, e.code));
    let calls = 0;
    let serial = 0;
    const validIds = new Set<string>();
    let lost = 0;

    const settle = (method: string, p: unknown) => {
      if (!(p instanceof Promise)) return;
      return p.then(
        () => undefined,
        (e: unknown) => {
          if (!(e instanceof InsituError) || typeof e.code !== 'string') {
            problems.push(`${method} rejected with a non-InsituError: ${String(e)}`);
            return;
          }
          count(rejected, e.code);
          if (e.code === 'internal') problems.push(`${method} rejected internal: ${e.message}`);
        },
      );
    };
    /** Makes one call; a synchronous throw is a failure, as is a throwing unsubscribe. */
    const run = (cmd: Call): Promise<void> | undefined => {
      calls++;
      const api = c as unknown as Record<string, (...a: unknown[]) => unknown>;
      try {
        switch (cmd.m) {
          case 'track':
            return settle('track', api['track']!(cmd.name, cmd.props));
          case 'valid': {
            const [n, props] = SEGMENT_V2_EXAMPLES[cmd.i]!;
            const fuzzId = `v${++serial}`;
            validIds.add(fuzzId);
            return settle('track', c.track(n, { ...props, fuzz_id: fuzzId }));
          }
          case 'recommend':
            return settle('recommend', api['recommend']!(cmd.request));
          case 'consent':
            return settle('consent', api['consent']!(cmd.value));
          case 'on': {
            const off = api['on']!(cmd.type, cmd.fn);
            if (typeof off !== 'function') problems.push('on() did not return a function');
            else off();
            return;
          }
          default: {
            // A real export of thousands of events is costly: those get a junk argument.
            const args = cmd.m === 'export' && cmd.args.length === 0 ? [1] : cmd.args;
            return settle(cmd.m, api[cmd.m]!(...args));
          }
        }
      } catch (e) {
        problems.push(`${cmd.m} threw into the page: ${String(e)}`);
        return;
      }
    };
    const runAll = async (cmds: readonly Call[]) => {
      await Promise.all(cmds.map(run));
      await c.flush();
    };

    // Some history first, so there is something to lose.
    for (const [n, props] of SEGMENT_V2_EXAMPLES) await c.track(n, props);
    await c.flush();
    let before = (await c.export()).events;
    expect(before).toHaveLength(SEGMENT_V2_EXAMPLES.length);

    await fc.assert(
      fc.asyncProperty(
        fc.array(call, { minLength: CALLS_PER_RUN, maxLength: CALLS_PER_RUN }),
        async (cmds) => {
          await runAll(cmds);
          const after = byId((await c.export()).events);
          for (const e of before) {
            const now = after.get(e.id);
            if (!now || JSON.stringify(now) !== JSON.stringify(e)) lost++;
          }
          const stored = new Set([...after.values()].map((e) => e.props['fuzz_id']));
          for (const id of validIds) if (!stored.has(id)) lost++;
          before = [...after.values()];
          expect(problems).toEqual([]);
          expect(lost).toBe(0);
        },
      ),
      { numRuns: RUNS, endOnFailure: true, seed: SEED },
    );

    // Invalid calls alone leave the profile as it was.
    const profileBefore = stable(await c.profile());
    const invalidOnly = fc.sample(
      fc.oneof(
        badTrack,
        fc.record({
          m: fc.constant('consent' as const),
          value: junk.filter((v) => typeof v !== 'boolean'),
        }),
        fc.record({ m: fc.constant('recommend' as const), request }),
        fc.record({ m: fc.constantFrom(...NO_ARGS), args: fc.constant([{ junk: true }]) }),
      ),
      CALLS_PER_RUN,
    );
    await runAll(invalidOnly);
    expect(stable(await c.profile())).toBe(profileBefore);
    expect((await c.export()).events).toHaveLength(before.length);

    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const stats = await c.stats();
    console.log(
      `fuzz (seed ${SEED}): ${calls} calls in ${seconds} s; stored ${stats.stored}, invalid ${stats.invalid}, ` +
        `dropped ${stats.dropped}; valid Segment events tracked ${validIds.size}; events lost ${lost}; ` +
        `rejections by code ${JSON.stringify(rejected)}; on('error') by code ${JSON.stringify(reported)}`,
    );
    expect(problems).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(lost).toBe(0);
    expect(stats.dropped).toBe(0);
    expect(rejected['internal'] ?? 0).toBe(0);
    expect(reported['internal'] ?? 0).toBe(0);
    expect(reported['worker_unavailable'] ?? 0).toBe(0);
    expect(calls).toBeGreaterThanOrEqual(RUNS * CALLS_PER_RUN);
  }, 120_000);
});
