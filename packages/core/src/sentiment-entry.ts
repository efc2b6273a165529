// `@insitu/core/sentiment`: the review-text lexicons, registered on import. A separate entry so
// the worker can load them with the first review instead of on every first page.
import {
  EN_BOOSTERS,
  EN_LEXICON,
  EN_NEGATORS,
  ZH_BOOSTERS,
  ZH_LEXICON,
  ZH_MAX_WORD,
  ZH_NEGATORS,
} from './text/sentiment-lexicon.ts';
import { useSentimentLexicon } from './text/sentiment.ts';

useSentimentLexicon({
  enLexicon: EN_LEXICON,
  zhLexicon: ZH_LEXICON,
  enNegators: EN_NEGATORS,
  zhNegators: ZH_NEGATORS,
  enBoosters: EN_BOOSTERS,
  zhBoosters: ZH_BOOSTERS,
  zhMaxWord: ZH_MAX_WORD,
});

export { sentimentOf, sentimentReady } from './text/sentiment.ts';
