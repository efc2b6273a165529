import assert from 'node:assert/strict';
import type { E2ESpec } from '../harness.ts';
import { exportedEvents, flushed, idbEventCount } from '../page-helpers.ts';

const TRIALS = 20;
const PER_TRIAL = 3;

/**
 * Events tracked right before a navigation survive it: the page keeps what the worker has not
 * confirmed, copies it to localStorage on `pagehide`, and the next page sends it again. Without
 * that, the browser ends the worker before its IndexedDB write commits (measured: 3 of 20 lost).
 */
export const quickNavigation: E2ESpec = {
  name: `${TRIALS} navigations right after track() → every event stored exactly once`,
  async run({ persistentContext }) {
    const ctx = await persistentContext();
    const page = await ctx.newPage();
    await page.goto('/e2e/blank.html');
    for (let trial = 0; trial < TRIALS; trial++) {
      await page.evaluate(() => window.insitu.ready());
      const next = `/e2e/blank.html?trial=${trial}`;
      // Half the trials navigate at once (the events are still in the page's 50 ms buffer); the
      // others a little later, while the batch is posted and being written (stored but maybe
      // not yet confirmed: sent again, and must not be stored or counted twice).
      const delay = trial % 2 === 0 ? 0 : 40 + (trial % 5) * 10;
      await Promise.all([
        page.waitForURL(`**${next}`, { waitUntil: 'load' }),
        page.evaluate(
          ({ trial, n, next, delay }) => {
            for (let i = 0; i < n; i++) void window.insitu.track('E2E Nav Event', { trial, i });
            if (delay === 0) location.href = next;
            else setTimeout(() => (location.href = next), delay);
          },
          { trial, n: PER_TRIAL, next, delay },
        ),
      ]);
    }
    await flushed(page);
    const events = (await exportedEvents(page)).filter((e) => e.name === 'E2E Nav Event');
    const keys = events.map((e) => `${String(e.props['trial'])}:${String(e.props['i'])}`);
    const missing: string[] = [];
    for (let t = 0; t < TRIALS; t++)
      for (let i = 0; i < PER_TRIAL; i++)
        if (!keys.includes(`${t}:${i}`)) missing.push(`${t}:${i}`);
    assert.deepEqual(missing, [], 'no event lost to a navigation');
    assert.equal(events.length, TRIALS * PER_TRIAL, 'no event stored twice');
    assert.equal(await idbEventCount(page), TRIALS * PER_TRIAL, 'IndexedDB holds each event once');
    // Each event keeps the time it was tracked at, not the time it was sent again.
    const byTrial = events.map((e) => [Number(e.props['trial']), e.ts] as const);
    byTrial.sort((a, b) => a[1] - b[1]);
    assert.deepEqual(
      byTrial.map(([t]) => t),
      [...byTrial.map(([t]) => t)].sort((a, b) => a - b),
      'stored in tracking order by ts',
    );
    const left = await page.evaluate(() => localStorage.getItem('insitu:pending'));
    assert.equal(left, null, 'nothing left pending once the last page has stored it');
    await ctx.close();
  },
};
