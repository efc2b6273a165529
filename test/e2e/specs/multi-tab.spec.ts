import assert from 'node:assert/strict';
import type { E2ESpec } from '../harness.ts';
import { exportedEvents, flushed, idbEventCount } from '../page-helpers.ts';

const TABS = 3;
const PER_TAB = 1000;

/** Three pages of one origin write at once into real on-disk IndexedDB: none lost, none twice. */
export const multiTab: E2ESpec = {
  name: `${TABS} tabs × ${PER_TAB} events concurrently → exactly ${TABS * PER_TAB} stored`,
  async run({ persistentContext }) {
    const ctx = await persistentContext();
    const pages = await Promise.all(Array.from({ length: TABS }, () => ctx.newPage()));
    await Promise.all(pages.map((p) => p.goto('/e2e/blank.html')));
    await Promise.all(pages.map((p) => flushed(p)));
    await Promise.all(
      pages.map((p, tab) =>
        p.evaluate(
          async ({ tab, n }) => {
            for (let i = 0; i < n; i++) void window.insitu.track('E2E Tab Event', { tab, n: i });
            await window.insitu.flush();
          },
          { tab, n: PER_TAB },
        ),
      ),
    );
    const first = pages[0];
    assert.ok(first);
    assert.equal(await idbEventCount(first), TABS * PER_TAB, 'IndexedDB holds every event once');
    const events = await exportedEvents(first);
    const keys = new Set(events.map((e) => `${String(e.props['tab'])}:${String(e.props['n'])}`));
    assert.equal(events.length, TABS * PER_TAB, 'export() has every event');
    assert.equal(keys.size, TABS * PER_TAB, 'no event stored twice, none missing');
    assert.equal(new Set(events.map((e) => e.id)).size, TABS * PER_TAB, 'ids are unique');
    await ctx.close();
  },
};
