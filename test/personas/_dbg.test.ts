import { it } from 'vitest';
import { buildCatalogIndex, buildProfile, createProfileState, foldEvent } from '@insitu/core';
import { generateCatalog, PERSONAS, simulateShoppers, toStoredEvents } from './index.ts';
const START = Date.UTC(2026, 0, 1), NOW = START + 120 * 86_400_000;
const catalog = generateCatalog(11, 600);
const index = buildCatalogIndex(catalog);
it('dbg', () => {
  for (const seed of [20, 31, 39, 48]) {
    for (const s of simulateShoppers(catalog, Object.values(PERSONAS), { seed, start: START, days: 120 })) {
      const st = createProfileState();
      for (const e of toStoredEvents(s.events)) foldEvent(st, e, index);
      const p = buildProfile(st, index, Math.max(NOW, st.lastTs ?? 0));
      console.log(JSON.stringify([seed, s.id, p.churn, st.visits, p.segments.map((x) => x.id).join(), p.priceBand.band, p.priceBand.relative]));
    }
  }
});
