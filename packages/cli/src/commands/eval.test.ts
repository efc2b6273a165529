import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { seededRandom } from '@insitu/core';
import { evaluate } from './eval.ts';

/**
 * A shop with strong sequential structure: shoppers walk a fixed successor chain through the
 * catalog (item i is mostly followed by i+1), starting anywhere, with a little noise.
 */
function writeSequentialShop(dir: string, users = 300, items = 80): void {
  const random = seededRandom(11);
  const rows = ['user,item,timestamp,event'];
  let ts = 0;
  for (let u = 0; u < users; u++) {
    let item = Math.floor(random() * items);
    const length = 4 + Math.floor(random() * 5);
    for (let k = 0; k < length; k++) {
      rows.push(`u${u},sku-${item},${(ts += 1)},${k === length - 1 ? 'purchase' : 'view'}`);
      item = random() < 0.9 ? (item + 1) % items : Math.floor(random() * items);
    }
  }
  writeFileSync(join(dir, 'interactions.csv'), rows.join('\n') + '\n');
  const meta = ['item,title,categories,price'];
  for (let i = 0; i < items; i++) meta.push(`sku-${i},"Item ${i}, deluxe",Cat ${i % 4},${i + 1}`);
  writeFileSync(join(dir, 'items.csv'), meta.join('\n') + '\n');
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('insitu eval', () => {
  it('prints the documented JSON, with Markov ahead of popularity on sequential data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'insitu-eval-'));
    writeSequentialShop(dir);
    const printed: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: unknown) => void printed.push(String(line)));
    expect(await evaluate(['--dataset', dir, '--json'])).toBe(0);
    expect(printed).toHaveLength(1);
    const report = JSON.parse(printed[0]!) as {
      dataset: string;
      users: number;
      items: number;
      models: Record<string, Record<'full' | 'sampled' | 'halfWidth95', Record<string, number>>>;
      seconds: number;
    };
    expect(report.dataset).toBe(dir.split('/').pop());
    expect(report.users).toBe(300);
    expect(report.items).toBe(80);
    expect(report.seconds).toBeGreaterThanOrEqual(0);
    expect(Object.keys(report.models).sort()).toEqual([
      'ease',
      'insitu',
      'itemknn',
      'markov',
      'popularity',
    ]);
    for (const model of Object.values(report.models)) {
      for (const part of ['full', 'sampled'] as const) {
        expect(Object.keys(model[part]!).sort()).toEqual(['hr10', 'mrr10', 'ndcg10']);
        for (const v of Object.values(model[part]!)) expect(v >= 0 && v <= 1).toBe(true);
      }
      // 1.96 · sd / √n over 300 users: HR@10 is a 0/1 mean, so at most 1.96 · 0.5 / √300.
      expect(Object.keys(model.halfWidth95!).sort()).toEqual(['hr10', 'ndcg10']);
      for (const v of Object.values(model.halfWidth95!)) expect(v >= 0 && v <= 0.06).toBe(true);
    }
    const full = (m: string) => report.models[m]!.full;
    expect(full('markov')['hr10']!).toBeGreaterThan(full('popularity')['hr10']! + 0.3);
    expect(full('markov')['ndcg10']!).toBeGreaterThan(full('popularity')['ndcg10']!);
  });

  it('prints a table and rejects unknown models and missing datasets', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'insitu-eval-'));
    writeSequentialShop(dir, 40, 20);
    const printed: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: unknown) => void printed.push(String(line)));
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(await evaluate(['--dataset', dir, '--models', 'markov,popularity'])).toBe(0);
    expect(printed.join('\n')).toMatch(/^markov\s+[01]\.\d{4} ±0\.\d{4}\s/m);
    printed.length = 0;
    expect(
      await evaluate(['--dataset', dir, '--json', '--target', 'valid', '--models', 'markov']),
    ).toBe(0);
    const valid = JSON.parse(printed[0]!) as { target: string; models: Record<string, unknown> };
    expect(valid.target).toBe('valid');
    expect(Object.keys(valid.models)).toEqual(['markov']);
    await expect(evaluate(['--dataset', dir, '--models', 'nope'])).rejects.toMatchObject({
      code: 'invalid_input',
    });
    await expect(evaluate(['--dataset', join(dir, 'missing')])).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });
});
