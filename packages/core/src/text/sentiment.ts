import {
  EN_BOOSTERS,
  EN_LEXICON,
  EN_NEGATORS,
  ZH_BOOSTERS,
  ZH_LEXICON,
  ZH_MAX_WORD,
  ZH_NEGATORS,
} from './sentiment-lexicon.ts';

/** What a review says, scored on the device. */
export interface SentimentResult {
  /** -1 (very negative) … 1 (very positive); 0 when no valenced word was found. */
  score: number;
  /** The valenced words found, with their contribution after negation and boosting. */
  words: { word: string; value: number }[];
}

/** How many following words a negator reaches ("not good at all", "不 太 好"). */
const NEGATION_REACH = 3;
/** VADER's finding: a negated word keeps about three quarters of its strength, reversed. */
const NEGATION_FACTOR = -0.74;
/** VADER's normalisation constant: score / sqrt(score² + α) maps a sum into (-1, 1). */
const ALPHA = 15;
const HAN = /\p{Script=Han}/u;
const CLAUSE_END = /[.!?;:,\n。！？；：，、]/u;

let segmenter: Intl.Segmenter | undefined;

/** Running state of one pass: negation and boosting reach only a few words, within a clause. */
class Scorer {
  total = 0;
  words: { word: string; value: number }[] = [];
  private negateLeft = 0;
  private boost = 1;

  clause(): void {
    this.negateLeft = 0;
    this.boost = 1;
  }

  negator(): void {
    // A second negator inside the reach cancels the first ("not without merit").
    this.negateLeft = this.negateLeft > 0 ? 0 : NEGATION_REACH + 1;
  }

  booster(factor: number): void {
    this.boost = factor;
  }

  word(word: string, valence: number | undefined): void {
    if (valence !== undefined && valence !== 0) {
      const value = valence * this.boost * (this.negateLeft > 0 ? NEGATION_FACTOR : 1);
      this.total += value;
      this.words.push({ word, value });
      this.boost = 1;
      this.negateLeft = 0;
      return;
    }
    if (this.negateLeft > 0) this.negateLeft -= 1;
  }
}

function scoreEnglish(s: Scorer, word: string): void {
  if (EN_NEGATORS.has(word) || word.endsWith("n't")) return s.negator();
  const factor = EN_BOOSTERS.get(word);
  if (factor !== undefined) return s.booster(factor);
  s.word(word, EN_LEXICON.get(word));
}

/**
 * Chinese has no spaces and ICU's word breaks split phrases such as 性价比 apart, so a run of Han
 * characters is matched greedily against the lexicon, negators and boosters (longest first).
 */
function scoreChinese(s: Scorer, run: string): void {
  let i = 0;
  while (i < run.length) {
    let matched = 0;
    for (let len = Math.min(ZH_MAX_WORD, run.length - i); len >= 1; len--) {
      const w = run.slice(i, i + len);
      // On equal length a negator wins: 没有 is listed as negative but mostly means "has no".
      if (ZH_NEGATORS.has(w)) s.negator();
      else if (ZH_BOOSTERS.has(w)) s.booster(ZH_BOOSTERS.get(w) ?? 1);
      else if (ZH_LEXICON.has(w)) s.word(w, ZH_LEXICON.get(w));
      else continue;
      matched = len;
      break;
    }
    if (matched === 0) {
      s.word(run[i] ?? '', undefined);
      matched = 1;
    }
    i += matched;
  }
}

/**
 * Scores review text in English and Chinese (mixed text too) with the AFINN lexicons, handling
 * negation ("not good at all", 不好, 一点也不好用) and boosters ("very", 非常).
 */
export function sentimentOf(text: string): SentimentResult {
  segmenter ??= new Intl.Segmenter('en', { granularity: 'word' });
  const s = new Scorer();
  let han = '';
  const flush = () => {
    if (han !== '') scoreChinese(s, han);
    han = '';
  };
  for (const seg of segmenter.segment(text)) {
    const w = seg.segment;
    if (seg.isWordLike === true && HAN.test(w)) {
      han += w;
      continue;
    }
    flush();
    if (seg.isWordLike === true) scoreEnglish(s, w.toLowerCase());
    else if (CLAUSE_END.test(w)) s.clause();
  }
  flush();
  const score = s.total === 0 ? 0 : s.total / Math.sqrt(s.total * s.total + ALPHA);
  return { score, words: s.words };
}
