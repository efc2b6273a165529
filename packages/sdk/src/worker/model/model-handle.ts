// The lazy model chunk: artifact loading, strategies and the engine switch (tfjs itself is a
// further chunk, imported once the model answers in plain JS).
import {
  rowsById,
  type Catalog,
  type IntentModel,
  type RecommendRequest,
  type RecommendResult,
  type RotationOptions,
  type SegmentCentroids,
  type ShopperState,
} from '@insitu/core';
import type { LearningStats, ModelInfo } from '../../protocol.ts';
import { EngineSwitch, type BackendChoice, type BackendFaults } from './engine-switch.ts';
import type { LightModel } from './light-model.ts';
import { loadRuntime, type ModelRuntime } from './model-runtime.ts';
import { modelRecommend } from './model-strategies.ts';
import { NO_LEARNING, PersonalLearner, type LearnerDeps } from './personal-learner.ts';
import { shopperHistory } from './shopper-history.ts';

/** Name of the cached note holding the backend measurement of this artifact on this device. */
const CHOICE = 'backend-choice';
/** Name of the cached note saying why the wasm SIMD kernel did not compile on an earlier page. */
const SIMD_REFUSED = 'simd-refused';
/**
 * A plain engine (JS or the wasm SIMD kernel) this fast, in warm ms per scoring call on the shop's
 * table, makes tfjs not worth loading.
 */
const PLAIN_ENOUGH_MS = 1;

/** A loaded model with its engine: what the model service talks to. */
export interface ModelHandle {
  recommend(
    request: RecommendRequest,
    shopper: ShopperState,
    options?: { locale?: 'en' | 'zh'; rotation?: RotationOptions },
  ): Promise<RecommendResult | undefined>;
  /** Resolves when the backends are measured and the fastest is in use. */
  readonly backendReady: Promise<void>;
  info(): ModelInfo;
  centroids(): SegmentCentroids | undefined;
  /** Purchase-intent weights fitted by `insitu build`, when the artifact ships them. */
  intentModel(): IntentModel | undefined;
  /** The personal head, when on-device learning is on. */
  learner: PersonalLearner | undefined;
  learning(): LearningStats;
  dispose(): void;
}

/** What the learner needs from the worker, or undefined when `learning.personal` is off. */
export type LearnerContext = Pick<LearnerDeps, 'store' | 'shopper' | 'report'>;

/**
 * Loads the artifact for `catalog` and, in the background, loads tfjs and measures the backends
 * (or reuses the measurement an earlier page made with the same artifact). `first`, the light
 * model of the same artifact, lends its cache session and, for the same catalog, its popularity
 * order.
 */
export async function openModel(
  baseUrl: string,
  catalog: Catalog,
  faults: BackendFaults = {},
  first?: Pick<LightModel, 'artifact' | 'catalog' | 'popular'>,
  learn?: LearnerContext,
): Promise<ModelHandle> {
  const rt: ModelRuntime = await loadRuntime(baseUrl, catalog, first?.artifact);
  const { model } = rt;
  const engine = new EngineSwitch(model.itemVectors, model.itemCount, model.dims, faults);
  model.useEngine(engine);
  const index = rowsById(catalog.items);
  let numTensors: () => number = () => 0;
  let selectError: string | undefined;
  // A test that names the backends to try wants tfjs whatever plain JS costs.
  const forced = faults.backends !== undefined || faults.measure === true;
  const note = faults.backends === undefined ? CHOICE : `${CHOICE}-${faults.backends.join('-')}`;
  const backendReady = (async () => {
    if (!forced) {
      // A refused SIMD compile is a CSP violation report on the shop's side: once per artifact.
      const refused = await rt.notes.note<string>(SIMD_REFUSED);
      const enough = await engine.plainIsEnough(PLAIN_ENOUGH_MS, refused);
      const simd = engine.state.timings['simd'];
      if (refused === undefined && typeof simd === 'string')
        await rt.notes.setNote(SIMD_REFUSED, simd);
      if (enough) return;
    }
    const tf = await import('./tf-backends.ts');
    const earlier = faults.measure ? undefined : await rt.notes.note<BackendChoice>(note);
    const choice = await engine.select(tf, earlier);
    if (choice !== earlier && !faults.measure) await rt.notes.setNote(note, choice);
    numTensors = tf.numTensors;
  })().catch((e: unknown) => {
    // No tfjs (chunk failed to load): the plain-JS engine keeps answering.
    selectError = e instanceof Error ? e.message : String(e);
  });
  const strategyModel = {
    ...rt,
    engine,
    ...(first?.catalog === catalog ? { popular: first.popular } : {}),
  };
  const learner =
    learn === undefined
      ? undefined
      : new PersonalLearner({
          ...learn,
          model,
          version: rt.version,
          scorerReady: backendReady,
          scorerBackend: () => engine.name,
          ...(faults.backends ? { backends: faults.backends } : {}),
        });
  return {
    backendReady,
    learner,
    learning: () => learner?.stats() ?? { ...NO_LEARNING, enabled: false },
    recommend: (request, shopper, options = {}) => {
      const personal = request.personal === false ? undefined : learner?.personal();
      return modelRecommend(
        strategyModel,
        request,
        shopperHistory(shopper, (id) => index.get(id)),
        { ...options, ...(personal === undefined ? {} : { personal }) },
      );
    },
    info: () => ({
      state: 'ready',
      backend: engine.name,
      timings: { ...engine.state.timings },
      ...(engine.state.timingsFrom ? { timingsFrom: engine.state.timingsFrom } : {}),
      failures: [...engine.state.failures, ...(selectError === undefined ? [] : [selectError])],
      items: model.itemCount,
      kind: model.manifest.kind,
      version: rt.version,
      cache: rt.cache,
      numTensors: numTensors(),
    }),
    centroids: () => rt.centroids,
    intentModel: () => model.intentModel,
    dispose: () => model.dispose(),
  };
}

export { openPopularity, type LightModel } from './light-model.ts';
