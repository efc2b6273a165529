import '../sentiment-entry.ts';
import { describe, expect, it } from 'vitest';
import { sentimentOf } from './sentiment.ts';
import { terms, words } from './tokenize.ts';
import { knownTerms, termStats, topTerms } from './tf-idf.ts';

describe('sentimentOf', () => {
  it.each([
    ['Great shoes, very comfortable!', 1],
    ['I love it', 1],
    ['not good at all', -1],
    ["Don't like it, it is not comfortable", -1],
    ['Terrible, broke after a week.', -1],
    ['not bad', 1],
    ['我非常喜欢这个产品，性价比很高！', 1],
    ['质量很好，非常满意。', 1],
    ['不好', -1],
    ['一点也不好用，很失望', -1],
    ['质量很差，不推荐', -1],
  ])('%s → sign %i', (text, sign) => {
    const { score } = sentimentOf(text);
    expect(Math.sign(score)).toBe(sign);
    expect(Math.abs(score)).toBeLessThanOrEqual(1);
  });

  it('negation flips the same word in both languages', () => {
    expect(sentimentOf('good').score).toBeGreaterThan(0);
    expect(sentimentOf('not good').score).toBeLessThan(0);
    expect(sentimentOf('推荐').score).toBeGreaterThan(0);
    expect(sentimentOf('不推荐').score).toBeLessThan(0);
  });

  it('negation stops at the end of a clause', () => {
    expect(sentimentOf('not cheap, but great').score).toBeGreaterThan(0);
  });

  it('boosters strengthen', () => {
    expect(sentimentOf('very good').score).toBeGreaterThan(sentimentOf('good').score);
    expect(sentimentOf('非常满意').score).toBeGreaterThan(sentimentOf('满意').score);
  });

  it('neutral text scores 0', () => {
    expect(sentimentOf('The box arrived on Tuesday').score).toBe(0);
    expect(sentimentOf('').score).toBe(0);
  });
});

describe('tokenisation and TF-IDF', () => {
  it('splits Chinese without spaces', () => {
    expect(words('这双跑鞋很舒服')).toContain('跑鞋');
    expect(terms('The Trail Running shoe')).toEqual(['trail', 'running', 'shoe']);
  });

  it('ranks distinctive terms above common ones', () => {
    const docs = [
      terms('waterproof trail shoe'),
      terms('road shoe'),
      terms('running shoe'),
      terms('防水 帐篷'),
    ];
    const stats = termStats(docs);
    const top = topTerms(stats, docs[0] ?? [], 3);
    expect(top[0]?.term).not.toBe('shoe');
    expect(top.map((t) => t.term)).toContain('shoe');
    expect(Math.hypot(...top.map((t) => t.weight))).toBeCloseTo(1);
    expect(knownTerms(stats, 'a waterproof 帐篷 thing')).toEqual(['waterproof', '帐篷']);
  });
});
