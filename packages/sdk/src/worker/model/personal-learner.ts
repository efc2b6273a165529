import { meaningOf, type JsonValue, type ShopperState, type StoredEvent } from '@insitu/core';
import {
  HEAD_DEFAULTS,
  headBatch,
  headTemperature,
  learningExamples,
  scoreExamples,
  type HeadOptions,
  type InsituModel,
  type PersonalHead,
} from '@insitu/model';
import type { LearningStats } from '../../protocol.ts';
import type { EventStore } from '../store/event-store.ts';
import { HEAD_KEY, LEARNING_RESET_KEY } from '../store/schema.ts';

/** Quiet time after the latest interaction before a training round starts. */
const IDLE_MS = 400;

/** The stored head: plain JSON, shown as it is by `export()`. */
interface StoredHead {
  /** `createdAt` of the artifact it was trained against: another build resets it. */
  artifact: string;
  offset: number[];
  temperature: number;
  updates: number;
  examples: number;
  lastTrainedAt: number;
  backend: string;
  stepMs: number;
}

/** What the learner needs from the model chunk. */
export interface LearnerDeps {
  model: InsituModel;
  /** `createdAt` of the loaded artifact. */
  version: string;
  store(): Pick<EventStore, 'getState' | 'putState' | 'deleteState' | 'meta'>;
  shopper(): Promise<ShopperState>;
  /** Resolves once the scorer's backend is chosen; training never switches tfjs under it. */
  scorerReady: Promise<void>;
  /** The scorer's engine now (`js` or a tfjs backend). */
  scorerBackend(): string;
  /** tfjs backends training may use (`TestFaults.backends` in tests); default: all. */
  backends?: readonly string[];
  report(error: unknown): void;
  options?: Partial<HeadOptions>;
}

const isHead = (
  v: JsonValue | undefined,
  version: string,
  dims: number,
): v is JsonValue & StoredHead => {
  const h = v as Partial<StoredHead> | undefined;
  return (
    typeof h === 'object' &&
    h !== null &&
    h.artifact === version &&
    Array.isArray(h.offset) &&
    h.offset.length === dims &&
    typeof h.temperature === 'number' &&
    h.temperature > 0 &&
    h.offset.every((x) => Number.isFinite(x))
  );
};

/** `stats().learning` of a head never trained. */
export const NO_LEARNING: LearningStats = {
  updates: 0,
  examples: 0,
  lastTrainedAt: null,
  backend: null,
  stepMs: null,
};

const macrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * The shopper's personal head (model/src/personal): after `minNew` new interactions or showings
 * and a quiet moment, it trains a round of `steps` gradient steps with tfjs from the shopper
 * state, one step per macrotask, so a `recommend()` waits for at most one step. The head is kept
 * in the `model` store with the artifact's version; a head of another version is deleted.
 */
export class PersonalLearner {
  private readonly options: HeadOptions;
  private head: StoredHead | undefined;
  private fresh = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | undefined;
  private since = -Infinity;
  private loaded: Promise<void>;
  private epoch = 0;
  private backend: string | undefined;
  private timings: Record<string, number | string> | undefined;

  constructor(private readonly deps: LearnerDeps) {
    this.options = { ...HEAD_DEFAULTS, ...deps.options };
    this.loaded = this.load();
  }

  /** The head to score for-you with, or undefined before any training. */
  personal(): PersonalHead | undefined {
    const h = this.head;
    return h === undefined
      ? undefined
      : { offset: Float32Array.from(h.offset), temperature: h.temperature };
  }

  stats(): LearningStats {
    const h = this.head;
    return {
      ...NO_LEARNING,
      ...(h === undefined
        ? {}
        : {
            updates: h.updates,
            examples: h.examples,
            lastTrainedAt: h.lastTrainedAt,
            backend: h.backend,
            stepMs: h.stepMs,
          }),
      enabled: true,
      ...(this.timings === undefined ? {} : { timings: { ...this.timings } }),
    };
  }

  /** Counts what this tab stored; enough new signal starts a round once the page is quiet. */
  note(events: readonly StoredEvent[], more = 0): void {
    this.fresh += more;
    for (const e of events) {
      const m = meaningOf(e.name);
      if (m?.interaction !== undefined || m?.impression === true) this.fresh++;
    }
    if (this.fresh < this.options.minNew) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.train(), IDLE_MS);
  }

  /** Trains one round now (after any round under way); resolves when it is stored. */
  train(): Promise<void> {
    const run = async () => {
      await this.loaded;
      this.fresh = 0;
      await this.round().catch((e: unknown) => this.deps.report(e));
    };
    this.running = (this.running ?? Promise.resolve()).then(run, run);
    return this.running;
  }

  /** Forgets the head and learns only from what happens after `at` (the shopper's reset). */
  async reset(at: number): Promise<void> {
    this.epoch++;
    clearTimeout(this.timer);
    this.head = undefined;
    this.since = at;
    this.fresh = 0;
    await this.deps.store().deleteState('model', HEAD_KEY);
  }

  /** The store was erased or switched: drop what is in memory and read it again. */
  dropped(): void {
    this.epoch++;
    clearTimeout(this.timer);
    this.head = undefined;
    this.since = -Infinity;
    this.fresh = 0;
    this.loaded = this.load();
  }

  private async load(): Promise<void> {
    const store = this.deps.store();
    const [stored, meta] = await Promise.all([store.getState('model', HEAD_KEY), store.meta()]);
    const at = meta[LEARNING_RESET_KEY];
    if (typeof at === 'number') this.since = at;
    if (isHead(stored, this.deps.version, this.deps.model.dims)) this.head = stored;
    else if (stored !== undefined) await store.deleteState('model', HEAD_KEY);
    // What happened since the last round (on earlier pages, or before the model loaded) counts.
    const after = Math.max(this.since, this.head?.lastTrainedAt ?? -Infinity);
    const shopper = await this.deps.shopper();
    const fresh =
      shopper.history.filter((h) => h.ts > after).length +
      shopper.shown.reduce((n, s) => n + s.ts.filter((t) => t > after).length, 0);
    this.note([], fresh);
  }

  private async round(): Promise<void> {
    const epoch = this.epoch;
    const { model } = this.deps;
    const shopper = await this.deps.shopper();
    const examples = learningExamples(
      shopper,
      (id) => model.indexOf(id),
      model.itemCount,
      this.options,
      this.since,
    );
    if (examples.length === 0) return;
    const temperature = headTemperature(model, this.options);
    // One task per example too: each scores the whole catalog, as long as a recommend() does.
    await scoreExamples(model, examples, async (context) => {
      await macrotask();
      return model.scoreHistory(context);
    });
    const batch = headBatch(model, [examples], temperature);
    await this.deps.scorerReady;
    const tf = await import('./tf-training.ts');
    // While the scorer runs on tfjs, training shares its backend: switching tfjs's global
    // backend would move the shop's item table. Otherwise the fastest is measured once.
    const scorer = this.deps.scorerBackend();
    const onScorer = (tf.TF_BACKENDS as readonly string[]).includes(scorer);
    if (onScorer) await tf.useTrainingBackend(scorer as (typeof tf.TF_BACKENDS)[number]);
    else if (this.backend === undefined) {
      const measured = await tf.measureTraining(batch, this.options, this.deps.backends);
      this.timings = measured.timings;
      this.backend = measured.backend;
    } else await tf.useTrainingBackend(this.backend as (typeof tf.TF_BACKENDS)[number]);
    const start = this.head?.offset ?? new Array<number>(model.dims).fill(0);
    const trainer = new tf.HeadTrainer(batch, Float32Array.from(start), this.options);
    const times: number[] = [];
    let offset: Float32Array;
    try {
      for (let s = 0; s < this.options.steps; s++) {
        const t = performance.now();
        await trainer.step();
        times.push(performance.now() - t);
        await macrotask();
        if (epoch !== this.epoch) return;
      }
      offset = await trainer.offsets();
    } finally {
      trainer.dispose();
    }
    times.sort((a, b) => a - b);
    const head: StoredHead = {
      artifact: this.deps.version,
      offset: Array.from(offset),
      temperature,
      updates: (this.head?.updates ?? 0) + this.options.steps,
      examples: examples.length,
      lastTrainedAt: Date.now(),
      backend: trainer.backend,
      stepMs: Math.round(times[Math.floor(times.length / 2)]! * 1000) / 1000,
    };
    if (epoch !== this.epoch) return;
    this.head = head;
    await this.deps.store().putState('model', HEAD_KEY, head as unknown as JsonValue);
  }
}
