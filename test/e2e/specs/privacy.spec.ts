import assert from 'node:assert/strict';
import type { E2ESpec } from '../harness.ts';
import { exportedEvents, flushed, idbEventCount } from '../page-helpers.ts';

/** consent 'required': nothing reaches IndexedDB until consent(true); then events are stored. */
export const consentRequired: E2ESpec = {
  name: "consent 'required': nothing stored before consent(true), stored after",
  async run({ persistentContext }) {
    const ctx = await persistentContext();
    const page = await ctx.newPage();
    await page.goto('/e2e/consent.html');
    await page.evaluate(async () => {
      for (let i = 0; i < 5; i++)
        void window.insitu.track('Product Viewed', { product_id: `pre-${i}` });
      await window.insitu.flush();
    });
    const before = await idbEventCount(page);
    assert.ok(before <= 0, `no events in IndexedDB before consent (count ${before})`);
    // A reload forgets the page's memory: still nothing stored, still no consent.
    await page.reload();
    await flushed(page);
    assert.ok((await idbEventCount(page)) <= 0, 'nothing stored after a reload without consent');

    await page.evaluate(async () => {
      await window.insitu.consent(true);
      for (let i = 0; i < 3; i++)
        void window.insitu.track('Product Viewed', { product_id: `post-${i}` });
      await window.insitu.flush();
    });
    const stored = await exportedEvents(page);
    const ids = stored.map((e) => e.items[0]);
    for (let i = 0; i < 3; i++)
      assert.ok(ids.includes(`post-${i}`), `post-${i} stored after consent`);
    assert.ok(!ids.some((id) => id?.startsWith('pre-')), 'events of an earlier page were not kept');
    assert.ok((await idbEventCount(page)) >= 3, 'IndexedDB holds the events after consent');
    await ctx.close();
  },
};

/** navigator.globalPrivacyControl is a refusal: nothing is stored. */
export const globalPrivacyControl: E2ESpec = {
  name: 'GPC: navigator.globalPrivacyControl = true → nothing stored',
  async run({ persistentContext }) {
    const ctx = await persistentContext();
    await ctx.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true });
    });
    const page = await ctx.newPage();
    await page.goto('/e2e/blank.html');
    assert.equal(
      await page.evaluate(
        () => (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl,
      ),
      true,
    );
    await page.evaluate(async () => {
      for (let i = 0; i < 5; i++)
        void window.insitu.track('Product Viewed', { product_id: `gpc-${i}` });
      await window.insitu.flush();
    });
    assert.ok((await idbEventCount(page)) <= 0, 'no events in IndexedDB under GPC');
    await page.reload();
    assert.deepEqual(await exportedEvents(page), [], 'nothing kept across pages under GPC');
    await ctx.close();
  },
};
