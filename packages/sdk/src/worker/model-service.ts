import {
  InsituError,
  toErrorInfo,
  type IntentModel,
  type RecommendRequest,
  type SegmentCentroids,
} from '@insitu/core';
import type { ModelInfo } from '../protocol.ts';
import type { ModelHandle } from './model/model-handle.ts';
import type { ServiceContext, WorkerService } from './services.ts';
import { localeOf } from './locale.ts';

/** Strategies the model answers; the others are the basic strategies' (no model needed). */
const MODEL_STRATEGIES = new Set(['for-you', 'similar-items', 'bought-together']);
/**
 * A model strategy asked while the artifact is still loading waits this long for it, then gets
 * the fallback: a cached artifact loads in tens of milliseconds, a first download may not.
 */
const WAIT_MS = 3000;

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
 * The model in the worker: when `config.model` is set, loads the artifact (Cache Storage,
 * version-checked, catalog-checked) in a lazy chunk, answers for-you, similar-items and
 * bought-together with it, and reports its state and backend timings in `stats().model`. It
 * scores in plain JS at first; tfjs arrives in a further chunk and the fastest measured backend
 * takes over. Failures are reported (`model_load_failed`, `artifact_mismatch`) and the basic
 * strategies answer instead.
 */
export function modelService(): ModelService {
  let ctx!: ServiceContext;
  let loading: Promise<ModelHandle | undefined> | undefined;
  let handle: ModelHandle | undefined;
  let info: ModelInfo | undefined;

  const fail = (error: unknown) => {
    const e = toErrorInfo(error);
    info = { state: 'failed', error: e };
    ctx.report(e);
    return undefined;
  };
  const load = () =>
    (loading ??= (async () => {
      const url = ctx.config.model;
      if (url === undefined || url === '') return undefined;
      info = { state: 'loading' };
      const catalog = await ctx.catalog();
      if (catalog === undefined) {
        const message = 'The model needs the shop catalog: set `catalog` next to `model`.';
        return fail(new InsituError('invalid_config', message, { field: 'catalog' }));
      }
      const faults = ctx.config.faults ?? {};
      if (faults.webgl === false) (await import('./model/webgl-fault.ts')).disableWebgl();
      const { openModel } = await import('./model/model-handle.ts');
      handle = await openModel(url, catalog, {
        ...(faults.backends ? { backends: faults.backends } : {}),
        ...(faults.loseContextAfter ? { loseContextAfter: faults.loseContextAfter } : {}),
        measure: faults.webgl === false || faults.backends !== undefined,
      });
      return handle;
    })().catch(fail));

  return {
    name: 'model',
    start(c) {
      ctx = c;
      void load();
    },
    stats: () => (info === undefined ? {} : { model: handle?.info() ?? info }),
    centroids: () => handle?.centroids(),
    intentModel: () => handle?.intentModel(),
    async recommend(request: RecommendRequest) {
      // Trending uses the model only once it is loaded: it must never wait for the artifact.
      const waits = MODEL_STRATEGIES.has(request.strategy);
      if (!waits && request.strategy !== 'trending') return undefined;
      const model = handle ?? (waits ? await within(load(), WAIT_MS) : undefined);
      if (model === undefined) return undefined;
      try {
        const events = await ctx.recent();
        return await model.recommend(request, events, {
          locale: localeOf(ctx.config),
          ...(ctx.config.rotation === undefined ? {} : { rotation: ctx.config.rotation }),
        });
      } catch (error) {
        // The basic strategies still answer; the page hears what went wrong.
        ctx.report(toErrorInfo(error));
        return undefined;
      }
    },
  };
}
