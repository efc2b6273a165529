export { InsituError, toErrorInfo, fromErrorInfo } from './errors.ts';
export type { ErrorCode, ErrorInfo, Result } from './errors.ts';
export type { JsonValue, JsonObject } from './json.ts';
export { STANDARD_EVENTS } from './events.ts';
export type { StandardEventName, ProductProps, StoredEvent, RawEvent } from './events.ts';
export { validateEvent, itemsOf, EVENT_LIMITS } from './validate-event.ts';
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
} from './recommend-types.ts';
export type { InteractionKind, HistoryEntry, Scorer } from './scoring.ts';
