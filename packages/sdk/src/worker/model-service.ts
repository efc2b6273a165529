import {
  InsituError,
  toErrorInfo,
  type IntentModel,
  type RecommendRequest,
  type SegmentCentroids,
} from '@insitu/core';
import type { ModelInfo } from '../protocol.ts';
import type { LightModel, ModelHandle } from './model/model-handle.ts';
import type { ServiceContext, WorkerService } from './services.ts';
import { localeOf } from './locale.ts';

/** Strategies the model answers; the others are the basic strategies' (no model needed). */
const MODEL_STRATEGIES = new Set(['for-you', 'similar-items', 'bought-together']);
/**
 * A model strategy asked while the artifact is still loading waits this long for it, then gets
 * the fallback: a cached artifact loads in tens of milliseconds, a first download may not.
 */
const WAIT_MS = 3000;
/**
 * A first visit that neither tracks nor asks for a model strategy gets the rest of the artifact
 * after this long: its first page stays light (manifest + popularity), a lingering one is ready.
 */
const IDLE_MS = 5000;

/**
 * Whether on-device learning is on when the config does not say: on only if `insitu eval
 * --personal` puts the personal head ahead of the global model on the validation split of both
 * shared datasets (README, "Learning on the device").
 */
export const PERSONAL_DEFAULT = false;

const within = <T>(p: Promise<T>, ms: number): Promise<T | undefined> =>
  Promise.race([p, new Promise<undefined>((r) => setTimeout(() => r(undefined), ms))]);

/** The model service plus what other services may read from it. */
export interface ModelService extends WorkerService {
  /** Profile segment centroids from the artifact, when it ships them. */
  centroids(): SegmentCentroids | undefined;
  /** Purchase-intent weights fitted from the shop's logs, when the artifact ships them. */
  intentModel(): IntentModel | undefined;
}

/**
 * The model in the worker, when `config.model` is set, in two stages (a lazy chunk each time):
 * first the manifest and the shop's popularity (Cache Storage, version- and catalog-checked),
 * which answer trending; then — after the first stored events, for a shopper who already has
 * history, on the first model strategy asked, or when idle — the rest of the artifact, which
 * answers for-you, similar-items and bought-together. It scores in plain JS at first; tfjs
 * arrives in a further chunk and the fastest measured backend takes over. Failures are reported
 * (`model_load_failed`, `artifact_mismatch`) and the basic strategies answer instead.
 */
export function modelService(): ModelService {
  let ctx!: ServiceContext;
  let preparing: Promise<LightModel | undefined> | undefined;
  let loading: Promise<ModelHandle | undefined> | undefined;
  let light: LightModel | undefined;
  let handle: ModelHandle | undefined;
  let info: ModelInfo | undefined;
  let idle: ReturnType<typeof setTimeout> | undefined;

  const fail = (error: unknown) => {
    const e = toErrorInfo(error);
    info = { state: 'failed', error: e };
    ctx.report(e);
    return undefined;
  };
  const options = () => ({
    locale: localeOf(ctx.config),
    ...(ctx.config.rotation === undefined ? {} : { rotation: ctx.config.rotation }),
  });
  /** Stage one: the manifest and the shop's popularity, checked against the catalog. */
  const prepare = () =>
    (preparing ??= (async () => {
      const url = ctx.config.model;
      if (url === undefined || url === '') return undefined;
      info = { state: 'loading' };
      const catalog = await ctx.catalog();
      if (catalog === undefined) {
        const message = 'The model needs the shop catalog: set `catalog` next to `model`.';
        return fail(new InsituError('invalid_config', message, { field: 'catalog' }));
      }
      const { openPopularity } = await import('./model/model-handle.ts');
      light = await openPopularity(url, catalog);
      return light;
    })().catch(fail));
  /** Stage two: embeddings, neighbours, encoder, then tfjs and the backend measurement. */
  const load = () =>
    (loading ??= (async () => {
      clearTimeout(idle);
      const first = await prepare();
      const url = ctx.config.model;
      const catalog = await ctx.catalog();
      if (first === undefined || url === undefined || catalog === undefined) return undefined;
      const faults = ctx.config.faults ?? {};
      if (faults.webgl === false) (await import('./model/webgl-fault.ts')).disableWebgl();
      const { openModel } = await import('./model/model-handle.ts');
      handle = await openModel(
        url,
        catalog,
        {
          ...(faults.backends ? { backends: faults.backends } : {}),
          ...(faults.loseContextAfter ? { loseContextAfter: faults.loseContextAfter } : {}),
          measure: faults.webgl === false,
        },
        first,
        (ctx.config.learning?.personal ?? PERSONAL_DEFAULT)
          ? {
              store: () => ctx.store(),
              shopper: () => ctx.shopper(),
              report: (e) => ctx.report(toErrorInfo(e)),
            }
          : undefined,
      );
      return handle;
    })().catch(fail));

  return {
    name: 'model',
    start(c) {
      ctx = c;
      void prepare();
      // A shopper with history needs the whole model now; a first visit only when it starts
      // interacting (onEvents), asks for a model strategy, or the page has been idle a while.
      void ctx.recent().then(
        (events) => (events.length > 0 ? void load() : undefined),
        () => undefined,
      );
      idle = setTimeout(() => void load(), IDLE_MS);
    },
    onEvents(events) {
      if (loading === undefined) void load();
      handle?.learner?.note(events);
    },
    onStorageReset() {
      handle?.learner?.dropped();
    },
    async resetLearning(at) {
      await handle?.learner?.reset(at);
    },
    stats: () =>
      info === undefined
        ? {}
        : {
            model: handle?.info() ?? info,
            ...(handle === undefined ? {} : { learning: handle.learning() }),
          },
    centroids: () => handle?.centroids(),
    intentModel: () => handle?.intentModel(),
    async recommend(request: RecommendRequest) {
      // Trending never waits for the artifact: the whole model once loaded, else its popularity.
      const waits = MODEL_STRATEGIES.has(request.strategy);
      if (!waits && request.strategy !== 'trending') return undefined;
      const model = handle ?? (waits ? await within(load(), WAIT_MS) : undefined);
      try {
        const shopper = await ctx.shopper();
        if (model !== undefined) return await model.recommend(request, shopper, options());
        return light?.recommend(request, shopper, options());
      } catch (error) {
        // The basic strategies still answer; the page hears what went wrong.
        ctx.report(toErrorInfo(error));
        return undefined;
      }
    },
  };
}
