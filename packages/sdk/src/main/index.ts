export { createInsitu } from './client.ts';
export { InsituError } from '@insitu/core';
export type {
  ErrorCode,
  ErrorInfo,
  RecommendRequest,
  RecommendResult,
  Recommendation,
  Explanation,
  Strategy,
  CatalogItem,
  Catalog,
  JsonObject,
  Profile,
  LearnedSummary,
} from '@insitu/core';
export type { Insitu, InsituEvents, ChangeInfo, ShopperProfile } from './types.ts';
export type {
  InsituConfig,
  ConsentMode,
  Stats,
  StorageKind,
  InsituExport,
  AudienceMatch,
  ModelInfo,
} from '../protocol.ts';
