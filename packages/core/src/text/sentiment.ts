import { InsituError } from '../errors.ts';

/** The word lists `sentimentOf` scores with (`sentiment-lexicon.ts`, ~26 KB gzipped). */
export interface SentimentLexicon {
  enLexicon: ReadonlyMap<string, number>;
  zhLexicon: ReadonlyMap<string, number>;
  enNegators: ReadonlySet<string>;
  zhNegators: ReadonlySet<string>;
  enBoosters: ReadonlyMap<string, number>;
  zhBoosters: ReadonlyMap<string, number>;
  zhMaxWord: number;
}

/**
 * The lexicon in use. It is registered by importing `@insitu/core/sentiment` (Node entry points
 * do so statically; the worker loads it with the first review, keeping it out of its first page).
 */
let lexicon: SentimentLexicon | undefined;

/** Registers the word lists; `@insitu/core/sentiment` calls it on import. */
export function useSentimentLexicon(l: SentimentLexicon): void {
  lexicon = l;
}

/** Whether review text can be scored yet. */
export function sentimentReady(): boolean {
  return lexicon !== undefined;
}

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

function scoreEnglish(s: Scorer, l: SentimentLexicon, word: string): void {
  if (l.enNegators.has(word) || word.endsWith("n't")) return s.negator();
  const factor = l.enBoosters.get(word);
  if (factor !== undefined) return s.booster(factor);
  s.word(word, l.enLexicon.get(word));
}

/**
 * Chinese has no spaces and ICU's word breaks split phrases such as 性价比 apart, so a run of Han
 * characters is matched greedily against the lexicon, negators and boosters (longest first).
 */
function scoreChinese(s: Scorer, l: SentimentLexicon, run: string): void {
  let i = 0;
  while (i < run.length) {
    let matched = 0;
    for (let len = Math.min(l.zhMaxWord, run.length - i); len >= 1; len--) {
      const w = run.slice(i, i + len);
      // On equal length a negator wins: 没有 is listed as negative but mostly means "has no".
      if (l.zhNegators.has(w)) s.negator();
      else if (l.zhBoosters.has(w)) s.booster(l.zhBoosters.get(w) ?? 1);
      else if (l.zhLexicon.has(w)) s.word(w, l.zhLexicon.get(w));
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
 * negation ("not good at all", 不好, 一点也不好用) and boosters ("very", 非常). Needs the lexicon
 * (`sentimentReady()`); without it, throws, so that no caller silently scores every text 0.
 */
export function sentimentOf(text: string): SentimentResult {
  const l = lexicon;
  if (l === undefined) {
    throw new InsituError('internal', 'Import @insitu/core/sentiment before scoring review text.');
  }
  segmenter ??= new Intl.Segmenter('en', { granularity: 'word' });
  const s = new Scorer();
  let han = '';
  const flush = () => {
    if (han !== '') scoreChinese(s, l, han);
    han = '';
  };
  for (const seg of segmenter.segment(text)) {
    const w = seg.segment;
    if (seg.isWordLike === true && HAN.test(w)) {
      han += w;
      continue;
    }
    flush();
    if (seg.isWordLike === true) scoreEnglish(s, l, w.toLowerCase());
    else if (CLAUSE_END.test(w)) s.clause();
  }
  flush();
  const score = s.total === 0 ? 0 : s.total / Math.sqrt(s.total * s.total + ALPHA);
  return { score, words: s.words };
}
