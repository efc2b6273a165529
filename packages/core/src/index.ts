export { InsituError, toErrorInfo, fromErrorInfo } from './errors.ts';
export type { ErrorCode, ErrorInfo, Result } from './errors.ts';
export type { JsonValue, JsonObject } from './json.ts';
export { STANDARD_EVENTS } from './events.ts';
export {
  EVENT_MEANINGS,
  EVENT_OF_INTERACTION,
  meaningOf,
  productRefs,
  interactionsOf,
  numberOf,
  stringOf,
  idOf,
} from './event-meaning.ts';
export type { EventMeaning, ProductRef } from './event-meaning.ts';
export {
  applyShopperEvent,
  createShopperState,
  shopperStateOf,
  extendShopperState,
  purchasedItems,
  HISTORY_CAP,
  ORDERS_CAP,
} from './shopper/shopper-state.ts';
export type {
  ShopperState,
  ShopperLine,
  ShopperOrder,
  ShopperInteraction,
  ShopperChange,
  PriceOf,
} from './shopper/shopper-state.ts';
export { own, putOwn } from './own.ts';
export { slugOf } from './text/slug.ts';
export type { StandardEventName, ProductProps, StoredEvent, RawEvent } from './events.ts';
export { validateEvent, itemsOf, EVENT_LIMITS } from './validate-event.ts';
export { validateRecommendRequest, STRATEGIES, REQUEST_LIMITS } from './validate-request.ts';
export { recommendPacker, recommendUnpacker } from './recommend-wire.ts';
export type { RecommendWire } from './recommend-wire.ts';
export { validateCatalog, MAX_CATALOG_ITEMS } from './catalog.ts';
export type { Catalog, CatalogItem } from './catalog.ts';
export type {
  Strategy,
  RecommendFilter,
  RecommendExclude,
  RecommendRequest,
  Explanation,
  Recommendation,
  RecommendResult,
  RotationOptions,
} from './recommend-types.ts';
export type { InteractionKind, HistoryEntry, Scorer } from './scoring.ts';
export type { Dataset, ItemMeta } from './dataset.ts';
export type { TrainingData, FitOptions, FitScorer, BatchScorer } from './eval/training-data.ts';
export { leaveOneOut, MIN_ITEMS } from './eval/split.ts';
export type { LeaveOneOut } from './eval/split.ts';
export { expectedMetrics, rankCounts } from './eval/metrics.ts';
export type { RankMetrics, RankCounts, HalfWidths } from './eval/metrics.ts';
export { evaluateScorer } from './eval/evaluate.ts';
export type { EvalOptions, EvalResult } from './eval/evaluate.ts';
export { trainingDataOf } from './eval/training-data-of.ts';
export { runProtocol } from './eval/run-protocol.ts';
export type { ProtocolReport, ProtocolOptions } from './eval/run-protocol.ts';
export { seededRandom } from './eval/random.ts';
export { fitPopularity, itemCounts } from './baselines/popularity.ts';
export { fitMarkov } from './baselines/markov.ts';
export { fitItemKnn, cosineCooccurrence } from './baselines/item-knn.ts';
export type { ItemKnnOptions } from './baselines/item-knn.ts';
export { sparseFromTriples, addRow } from './baselines/sparse.ts';
export { fitEase, easeWeights, gramMatrix } from './baselines/ease.ts';
export type { EaseOptions, SkippedScorer } from './baselines/ease.ts';
export { invertSpd, jsMultiply } from './baselines/spd-inverse.ts';
export type { Multiply, SpdInverseOptions } from './baselines/spd-inverse.ts';
export type { SparseRows } from './baselines/sparse.ts';
export { words, terms } from './text/tokenize.ts';
export { termStats, idf, topTerms, knownTerms } from './text/tf-idf.ts';
export type { TermStats, WeightedTerm } from './text/tf-idf.ts';
export { sentimentOf, sentimentReady } from './text/sentiment.ts';
export type { SentimentResult } from './text/sentiment.ts';
export {
  buildCatalogIndex,
  catalogCategory,
  catalogBrand,
  knownBrand,
  TERMS_PER_ITEM,
} from './profile/catalog-index.ts';
export type { CatalogIndex, IndexedItem } from './profile/catalog-index.ts';
export { createProfileState, DEFAULT_HALF_LIFE_DAYS, ACTIVITY_DAYS } from './profile/state.ts';
export type { ProfileState, Affinity, Decayed } from './profile/state.ts';
export type { EventKind } from './event-meaning.ts';
export { foldEvent, reviewSentiment } from './profile/fold.ts';
export { SESSION_GAP_MS } from './profile/fold-session.ts';
export { decayFactor, decayedAt, DAY_MS } from './profile/decay.ts';
export { buildProfile } from './profile/profile.ts';
export type { Profile, ProfileOptions, Explanations, Explained } from './profile/profile.ts';
export type { AffinityScore, Driver } from './profile/affinities.ts';
export {
  INTENT_FEATURES,
  DEFAULT_INTENT_MODEL,
  intentFeatures,
  purchaseIntent,
  funnelStage,
} from './profile/intent.ts';
export type { IntentFeature, IntentModel, FunnelStage, SessionFeatures } from './profile/intent.ts';
export { churnOf, PRIOR_GAP_DAYS } from './profile/churn.ts';
export type { Churn } from './profile/churn.ts';
export type { PriceBand, Rfm } from './profile/spend.ts';
export { RULE_SEGMENTS } from './profile/segments.ts';
export type { SegmentMatch } from './profile/segments.ts';
export { SEGMENT_FEATURES, segmentFeatures, nearestCentroid } from './profile/clusters.ts';
export type { SegmentCentroids, SegmentFeatureInputs } from './profile/clusters.ts';
export { matchAudiences, validateAudiences } from './profile/audiences.ts';
export type {
  AudienceDefinition,
  AudienceCondition,
  AudienceMatch,
  AudienceMetric,
} from './profile/audiences.ts';
export type { ProfileLanguage } from './profile/summary.ts';
export { learnedSummary, SKIPPED_LISTED } from './profile/learned.ts';
export type { LearnedSummary, LearnedOptions } from './profile/learned.ts';
export {
  rankItems,
  blendScorer,
  LIMIT,
  DEFAULT_WEIGHTS,
  eligibleItems,
  rotationFactors,
  DEFAULT_ROTATION,
  SKIPPED_AT,
  filterPredicate,
  filterMask,
  rowsById,
  blendSources,
  topK,
  mmrSelect,
  vectorSimilarity,
  metadataSimilarity,
  explain,
  EXPLANATION_TEXTS,
  explanationText,
  covisitScores,
  recencyScores,
  sourceOrder,
} from './rank/index.ts';
export type {
  RankInput,
  ScoreSource,
  SourceKind,
  SourceOrder,
  ItemVectors,
  Blend,
  ItemSimilarity,
  AttributedScores,
  CovisitOptions,
  SourcesFor,
} from './rank/index.ts';
