// The wire types between the page and the worker: the only file both threads import.
// Values only (no classes), so everything here survives structured cloning.
import type {
  ErrorInfo,
  JsonObject,
  RawEvent,
  RecommendRequest,
  RecommendWire,
  RotationOptions,
  StoredEvent,
} from '@insitu/core';

/** `granted`: store from the start (default). `required`: store nothing until `consent(true)`. */
export type ConsentMode = 'granted' | 'required';

/** Configuration of one insitu instance; every field is optional. */
export interface InsituConfig {
  /** URL of the shop's `catalog.json`; fetched once by the worker. */
  catalog?: string;
  /** URL (folder) of the model artifact; used by the model service. */
  model?: string;
  /** Consent mode; see {@link ConsentMode}. */
  consent?: ConsentMode;
  /** Logs errors to the console as well as reporting them through `on('error')`. */
  debug?: boolean;
  /** IndexedDB database name (default `insitu`); tests give each case its own. */
  dbName?: string;
  /** Events older than this many days are pruned (default 180). */
  maxAgeDays?: number;
  /** At most this many events are kept; the oldest go first (default 10,000). */
  maxEvents?: number;
  /** Milliseconds the page buffers events before posting them (default 50). */
  flushInterval?: number;
  /** Shop-declared audiences, passed through to the profile service. */
  audiences?: JsonObject[];
  /** Language of the profile summary and explanations (default `en`; `zh` for Chinese). */
  language?: string;
  /**
   * The shop's default rotation of items shown and skipped (for-you and trending rotate by
   * default; `{ rate: 0 }` turns it off); a request's own `rotation` wins. See `RotationOptions`.
   */
  rotation?: RotationOptions;
  /**
   * On-device learning: `personal: true` trains a personal head on this device from the
   * shopper's own reactions (items shown and skipped, clicked, added, bought) and ranks
   * for-you with it; the head never leaves the device. Default: see `PERSONAL_DEFAULT`.
   */
  learning?: { personal?: boolean };
  /**
   * Events insitu records by itself, without glue code on the page; every part is off by default
   * and goes through `track()`, so consent applies to it exactly as to the page's own calls.
   */
  capture?: CaptureConfig;
}

/** One single-page-app route: a URL path pattern and the event fired when the page shows it. */
export interface CaptureRoute {
  /**
   * Path pattern: literal segments, `:name` parameters and a final `*`, e.g. `/detail/:category/:id`.
   * Matched against the URL path as it is and relative to the `<base href>` path.
   */
  path: string;
  /** Event to record, e.g. `Product Viewed`, `Product List Viewed`, `Cart Viewed`. */
  event: string;
  /** Parameter holding the product id, sent as `product_id`. */
  product?: string;
  /** Parameter holding the category, sent as `category`. */
  category?: string;
  /** Parameter holding the list id, sent as `list_id`. */
  list?: string;
}

/** What insitu captures by itself; see {@link InsituConfig.capture}. */
export interface CaptureConfig {
  /** Route patterns, checked on the page load and on every `pushState`, `replaceState`, `popstate`. */
  routes?: CaptureRoute[];
  /** `true`: GA4 e-commerce events in `window.dataLayer` (also gtag's) become Segment-named events. */
  dataLayer?: boolean;
  /** `true`: e-commerce `track` calls (and product `page` calls) to Segment's `window.analytics` are mirrored. */
  segment?: boolean;
}

/**
 * Fault injection for tests, not part of a shop's config: a test entry point sets it with
 * `main/test-faults.ts` before creating a client, which hands it to its worker.
 */
export interface TestFaults {
  /** `indexedDB.open` throws inside the worker, as in some private modes. */
  idbOpen?: boolean;
  /** The next N event writes fail with a `QuotaExceededError`. */
  quota?: number;
  /** `false`: WebGL contexts cannot be created in the worker (as on a blocklisted GPU). */
  webgl?: boolean;
  /** Only these tfjs backends are measured and used (`webgl`, `wasm`, `cpu`); tfjs is then
   * loaded even where plain JS is fast enough. */
  backends?: string[];
  /** The WebGL context is lost (WEBGL_lose_context) on this many-th WebGL scoring call. */
  loseContextAfter?: number;
}

/** Config after defaults, as the worker receives it. `persist` says whether consent allows storage. */
export interface WorkerConfig extends InsituConfig {
  /** From a test entry point (`main/test-faults.ts`) only. */
  faults?: TestFaults;
  dbName: string;
  maxAgeDays: number;
  maxEvents: number;
  persist: boolean;
}

/** What the worker reports to the page outside of call results. */
export type Notice =
  | { type: 'error'; error: ErrorInfo }
  | { type: 'change'; source: 'this-tab' | 'other-tab'; stored: number };

/** Every worker method answers with a value: errors keep their code across the boundary. */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

/** Which store holds the events: IndexedDB, or page memory (no consent, or IndexedDB unusable). */
export type StorageKind = 'indexeddb' | 'memory';

/** Counters for the page, tests and the demo panel. */
export interface Stats {
  /** Events this page stored. */
  stored: number;
  /** Events this page sent that failed validation. */
  invalid: number;
  /** Valid events that could not be kept (storage full even after pruning). */
  dropped: number;
  /** Events in the store now, from every tab. */
  total: number;
  storage: StorageKind;
  /** The model service's state; absent when no model is configured. */
  model?: ModelInfo;
  /** The personal head's training; absent until the model has loaded. */
  learning?: LearningStats;
}

/** What `stats().learning` reports about the personal head trained on this device. */
export interface LearningStats {
  /** Gradient steps taken since the head was created (0: not trained). */
  updates: number;
  /** Examples (positives with their negatives) of the latest round. */
  examples: number;
  lastTrainedAt: number | null;
  /** The tfjs backend of the latest round. */
  backend: string | null;
  /** Median milliseconds of one step in the latest round. */
  stepMs: number | null;
  /** Warm ms of one step per backend, when this page measured them (the scorer was plain JS). */
  timings?: Record<string, number | string>;
  /** `false`: config `learning.personal` is off, nothing is trained. */
  enabled?: boolean;
}

/** What the model service reports in `stats().model`. */
export interface ModelInfo {
  state: 'loading' | 'ready' | 'failed';
  /** The engine scoring now: a tfjs backend (`webgl`, `wasm`, `cpu`) or `js` until tfjs is up. */
  backend?: string;
  /** Warm milliseconds of one scoring call per backend on this catalog (`js`: plain JS), or why not. */
  timings?: Record<string, number | string>;
  /** `measured` on this page, or `cache`: an earlier page measured the same artifact. */
  timingsFrom?: 'measured' | 'cache';
  /** Backends given up since, with the reason (e.g. `webgl: WebGL context lost`). */
  failures?: string[];
  items?: number;
  kind?: 'sequence' | 'content';
  /** `createdAt` of the artifact build. */
  version?: string;
  /** `hit`: files from Cache Storage; `miss`: first download; `updated`: a new build replaced them. */
  cache?: 'hit' | 'miss' | 'updated' | 'off';
  /** Live tfjs tensors (constant across calls: every tensor is disposed). */
  numTensors?: number;
  error?: ErrorInfo;
}

/** Everything insitu keeps about the shopper, as returned by `export()`. */
export interface InsituExport {
  exportedAt: number;
  storage: StorageKind;
  meta: JsonObject;
  events: StoredEvent[];
  /** Entries of the `profile` store (the profile service's state), by key. */
  profile: JsonObject;
  /** Entries of the `model` store (the shopper's fine-tuned model state), by key. */
  model: JsonObject;
  /** What the page stored outside IndexedDB (consent decision), by key. */
  local: JsonObject;
}

/** One audience the shopper belongs to (filled in by the profile service). */
export interface AudienceMatch {
  id: string;
  score: number;
}

/** The worker's API, called from the page through comlink. */
export interface WorkerApi {
  /** Opens storage and starts the services; `notify` receives errors and change notices. */
  init(config: WorkerConfig, notify: (notice: Notice) => void): Promise<Reply<StorageKind>>;
  /**
   * Validates and stores a batch; resolves once every event of it is stored or rejected (invalid,
   * or dropped and reported): until then the page keeps a copy to send again after a navigation.
   * `resent`: such a copy; events already stored are skipped. `refused`: events the page refused
   * since its last batch (never posted), for the stored `count.invalid`.
   */
  ingest(events: RawEvent[], resent?: boolean, refused?: number): Promise<void>;
  /** Resolves when everything ingested so far is stored. */
  flush(): Promise<Reply<Stats>>;
  stats(): Promise<Reply<Stats>>;
  /** Items the page was sent before come as ids; `full`: every item in full (see `RecommendWire`). */
  recommend(request: RecommendRequest, full?: boolean): Promise<Reply<RecommendWire>>;
  profile(): Promise<Reply<JsonObject>>;
  audiences(): Promise<Reply<AudienceMatch[]>>;
  /** `true`: move page-memory events to IndexedDB and store from now on; `false`: erase and stop. */
  consent(granted: boolean): Promise<Reply<StorageKind>>;
  export(): Promise<Reply<Omit<InsituExport, 'local'>>>;
  /** Deletes the database(s) and the `insitu-*` caches. */
  forget(): Promise<Reply<void>>;
  /** Erases the personal head and the showings rotation and the head learn from. */
  resetLearning(): Promise<Reply<void>>;
}
