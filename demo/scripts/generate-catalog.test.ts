import { describe, expect, it } from 'vitest';
import { validateCatalog } from '@insitu/core';
import { generateDemoCatalog } from './generate-catalog.ts';
import { productSvg, SUBCATEGORY_ICONS } from './product-image.ts';

describe('generateDemoCatalog', () => {
  it('is a valid catalog of a few hundred products over twelve departments', () => {
    const catalog = validateCatalog(generateDemoCatalog());
    expect(catalog.items.length).toBe(360);
    expect(new Set(catalog.items.map((i) => i.categories[1])).size).toBe(12);
    expect(new Set(catalog.items.map((i) => i.title)).size).toBe(catalog.items.length);
    for (const item of catalog.items) {
      expect(item.categories).toHaveLength(3);
      expect(item.price).toBeGreaterThan(0);
      expect(item.tags.length).toBeGreaterThanOrEqual(2);
      expect(item.url).toBe(`/product.html#${item.id}`);
    }
    expect(catalog.items.some((i) => !i.inStock)).toBe(true);
  });

  it('is the same for the same seed and differs for another', () => {
    expect(generateDemoCatalog({ seed: 7 })).toEqual(generateDemoCatalog({ seed: 7 }));
    expect(generateDemoCatalog({ seed: 8 }).items[0]).not.toEqual(
      generateDemoCatalog({ seed: 7 }).items[0],
    );
  });
});

describe('productSvg', () => {
  it('draws a self-contained SVG per product, differing between products', () => {
    const a = productSvg('run-001', 'shoe', 18);
    expect(a).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(a).not.toMatch(/href=|url\(/);
    expect(productSvg('run-002', 'shoe', 18)).not.toBe(a);
    for (const icon of Object.values(SUBCATEGORY_ICONS)) {
      expect(productSvg('x', icon, 0)).not.toBe(productSvg('x', 'unknown-icon', 0));
    }
  });
});
