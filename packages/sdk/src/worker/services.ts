import type {
  Catalog,
  ErrorInfo,
  JsonObject,
  RecommendRequest,
  RecommendResult,
  ShopperState,
  StoredEvent,
} from '@insitu/core';
import type { AudienceMatch, Stats, WorkerConfig } from '../protocol.ts';
import type { EventStore } from './store/event-store.ts';

/** What the worker hands every service. */
export interface ServiceContext {
  readonly config: WorkerConfig;
  /** The current store; it changes on consent and forget, so call it each time. */
  store(): EventStore;
  /** The latest stored events, newest first (cached; see `recent-events.ts`). */
  recent(): Promise<readonly StoredEvent[]>;
  /** Core's shopper state of those events (cart, orders, history…), derived once per change. */
  shopper(): Promise<ShopperState>;
  /** The validated catalog, or undefined when none is configured or it failed to load. */
  catalog(): Promise<Catalog | undefined>;
  /** Reports an error to the page's `on('error')` handlers. */
  report(error: ErrorInfo): void;
}

/**
 * A part of the worker that plugs into the pipeline (profile, model, ...). Every hook is optional.
 * To add one, write `worker/<name>-service.ts` exporting a factory and list it in
 * `worker/service-list.ts`. Hooks may throw; the worker turns a throw into an error reply.
 */
export interface WorkerService {
  readonly name: string;
  /** Called once after storage is open; the worker does not wait for it before `ready`. */
  start?(ctx: ServiceContext): void | Promise<void>;
  /** Valid events this tab has just stored, in order. */
  onEvents?(events: readonly StoredEvent[]): void | Promise<void>;
  /** Another tab stored events in the same database. */
  onExternalChange?(): void | Promise<void>;
  /** Write what is kept only in memory to the store: the worker asks before it exports or copies it. */
  persist?(): Promise<void>;
  /** Retention deleted stored events; none with a `ts` after `upTo`. */
  onPruned?(upTo: number): void | Promise<void>;
  /** The store was switched (consent given) or erased (forget): reload or drop cached state. */
  onStorageReset?(): void | Promise<void>;
  /** Answers `insitu.profile()`; the first service with this hook answers. */
  profile?(): Promise<JsonObject>;
  /** Answers `insitu.audiences()`. */
  audiences?(): Promise<AudienceMatch[]>;
  /** The shopper reset what was learned at `at` (ms): drop learned state, learn from then on. */
  resetLearning?(at: number): void | Promise<void>;
  /** Adds to `stats()` (e.g. the model service's `model` field). */
  stats?(): Partial<Stats>;
  /** May answer `recommend()`; return undefined to let the next service or the fallback answer. */
  recommend?(request: RecommendRequest): Promise<RecommendResult | undefined>;
}
