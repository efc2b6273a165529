import { jsScoreEngine, simdScoreEngine, softDots, type ScoreEngine } from '@insitu/model';
import type { TfBackend } from './tf-backends.ts';
import { medianMs, withTimeout } from './timing.ts';

type TfModule = typeof import('./tf-backends.ts');

/** A call on a healthy backend takes milliseconds; longer means it is stuck (lost GPU). */
const DOT_TIMEOUT_MS = 5000;
/** Measuring one backend (warm-up included) may take this long before it counts as failed. */
const MEASURE_TIMEOUT_MS = 20_000;

/** Test faults for the backend choice (`TestFaults`, from a test entry point). */
export interface BackendFaults {
  /** Only these backends are candidates. */
  backends?: readonly string[];
  /** The WebGL context is lost (WEBGL_lose_context) during this many-th WebGL call. */
  loseContextAfter?: number;
  /** Measure even when an earlier page left its choice (any fault changes what is measured). */
  measure?: boolean;
}

/** What the switch reports: the engine answering now, what was measured, what happened. */
export interface BackendState {
  backend: string;
  /** Warm ms per candidate (`js` = plain-JS dot products), or why it could not run. */
  timings: Record<string, number | string>;
  /** Backends given up after a failure, e.g. `webgl: context lost`. */
  failures: string[];
  /** `measured` on this page, or `cache`: reused from an earlier page with the same artifact. */
  timingsFrom?: 'measured' | 'cache';
}

/** The outcome of a measurement, kept with the cached artifact for later page loads. */
export interface BackendChoice {
  timings: Record<string, number | string>;
  /** Backends that ran, fastest first. */
  ranked: string[];
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
const round = (ms: number) => Math.round(ms * 1000) / 1000;

/**
 * The engine the model scores with. It starts as plain JS, moves to the wasm SIMD kernel when that
 * compiles and measures faster (`plainIsEnough`; both need no download, so the model answers
 * before tfjs has arrived), then measures each tfjs backend on the real item table and moves to
 * the fastest. When a call fails, hangs, or the WebGL context is lost, it moves to the next
 * fastest backend and repeats the call, ending with the plain engine; callers never see the switch.
 */
export class EngineSwitch implements ScoreEngine {
  readonly state: BackendState = { backend: 'js', timings: {}, failures: [] };
  private inner: ScoreEngine;
  /** What needs no tfjs: plain JS, or the wasm SIMD kernel where it compiles and is faster. */
  private plain: ScoreEngine;
  private gl: WebGL2RenderingContext | undefined;
  private ranked: TfBackend[] = [];
  private tf: TfModule | undefined;
  private glCalls = 0;
  private pending: Promise<void> = Promise.resolve();

  constructor(
    private readonly table: Float32Array,
    private readonly rows: number,
    private readonly cols: number,
    private readonly faults: BackendFaults = {},
  ) {
    this.plain = jsScoreEngine(table, rows, cols);
    this.inner = this.plain;
  }

  get name(): string {
    return this.inner.name;
  }

  /**
   * Times plain JS and the wasm SIMD kernel on this table (warm median, ms), moves to the faster,
   * and when it is within `enough` ms keeps it without loading tfjs: no backend could then save
   * more than that per call, and tfjs with its wasm is ~230 KB gzipped. Returns whether tfjs is
   * worth loading. With `refused` (why it did not compile on an earlier page), SIMD is not tried.
   */
  async plainIsEnough(enough: number, refused?: string): Promise<boolean> {
    const probe = this.table.slice(0, this.cols);
    const js = jsScoreEngine(this.table, this.rows, this.cols);
    let best = { engine: js, ms: round(await medianMs(() => js.dot(probe))) };
    this.state.timings['js'] = best.ms;
    try {
      if (refused !== undefined) throw new Error(`refused on an earlier page (${refused})`);
      const simd = await simdScoreEngine(this.table, this.rows, this.cols);
      const ms = round(await medianMs(() => simd.dot(probe)));
      this.state.timings['simd'] = ms;
      if (ms < best.ms) best = { engine: simd, ms };
    } catch (e) {
      this.state.timings['simd'] = `unavailable: ${message(e)}`;
    }
    await this.enqueue(async () => {
      if (this.inner === this.plain) this.inner = best.engine;
      this.plain = best.engine;
      this.state.backend = this.inner.name;
    });
    if (best.ms > enough) return false;
    this.state.timings['tfjs'] =
      `not loaded: ${best.engine.name} takes ${best.ms} ms (≤ ${enough} ms)`;
    this.state.timingsFrom = 'measured';
    return true;
  }

  /**
   * Measures every candidate backend and switches to the fastest; with `earlier` (the same
   * artifact on this device), trusts that measurement and starts only the backend it chose.
   */
  async select(tf: TfModule, earlier?: BackendChoice): Promise<BackendChoice> {
    this.tf = tf;
    const allowed = (b: string): b is TfBackend =>
      (tf.TF_BACKENDS as readonly string[]).includes(b) &&
      (this.faults.backends?.includes(b) ?? true);
    if (earlier !== undefined && earlier.ranked.every(allowed)) {
      Object.assign(this.state.timings, earlier.timings);
      this.ranked = earlier.ranked.filter(allowed);
      await this.enqueue(() => this.next());
      // Set only once the chosen backend is in use: stats() readers take it as "selection done".
      this.state.timingsFrom = 'cache';
      return earlier;
    }
    const probe = this.table.slice(0, this.cols);
    // `plainIsEnough` has timed JS already, except when a test asked for tfjs straight away.
    if (typeof this.state.timings['js'] !== 'number') {
      const js = jsScoreEngine(this.table, this.rows, this.cols);
      this.state.timings['js'] = round(await medianMs(() => js.dot(probe)));
    }
    const candidates = tf.TF_BACKENDS.filter((b) => this.faults.backends?.includes(b) ?? true);
    const measured: [TfBackend, number][] = [];
    for (const name of candidates) {
      let engine: ScoreEngine | undefined;
      try {
        engine = (await tf.tfEngine(name, this.table, this.rows, this.cols)).engine;
        const ms = await withTimeout(tf.timeEngine(engine, probe), MEASURE_TIMEOUT_MS, name);
        measured.push([name, ms]);
        this.state.timings[name] = round(ms);
      } catch (e) {
        this.state.timings[name] = `unavailable: ${message(e)}`;
      } finally {
        engine?.dispose();
      }
    }
    // A backend slower than the plain engine is no candidate, unless a test asked for tfjs.
    const plainMs = this.state.timings[this.plain.name];
    const tested = this.faults.backends !== undefined || this.faults.measure === true;
    const faster = ([, ms]: [TfBackend, number]) =>
      tested || typeof plainMs !== 'number' || ms < plainMs;
    this.ranked = measured
      .filter(faster)
      .sort((a, b) => a[1] - b[1])
      .map(([name]) => name);
    const choice = { timings: { ...this.state.timings }, ranked: [...this.ranked] };
    await this.enqueue(() => this.next());
    this.state.timingsFrom = 'measured';
    return choice;
  }

  dot(user: Float32Array): Promise<Float32Array> {
    return this.score((engine) => engine.dot(user));
  }

  /** `softScale` of the dot products, in the engine where it can (the SIMD kernel's `soft`). */
  softDot(user: Float32Array, temperature: number): Promise<Float32Array> {
    return this.score((engine) => softDots(engine, user, temperature));
  }

  /** Runs `call` on the engine in use; when it fails, moves to the next backend and tries again. */
  private async score(
    call: (engine: ScoreEngine) => Float32Array | Promise<Float32Array>,
  ): Promise<Float32Array> {
    for (;;) {
      await this.pending;
      const engine = this.inner;
      try {
        const gl = this.gl;
        if (gl !== undefined && ++this.glCalls === this.faults.loseContextAfter) {
          gl.getExtension('WEBGL_lose_context')?.loseContext();
        }
        if (gl?.isContextLost()) throw new Error('WebGL context lost');
        const out = await withTimeout(
          Promise.resolve(call(engine)),
          DOT_TIMEOUT_MS,
          `${engine.name} scoring`,
        );
        // A lost context reads back zeros rather than failing: never trust such a result.
        if (gl?.isContextLost()) throw new Error('WebGL context lost');
        return out;
      } catch (e) {
        if (engine === this.plain) throw e;
        if (this.inner === engine) {
          this.state.failures.push(`${engine.name}: ${message(e)}`);
          await this.enqueue(() => this.next());
        }
      }
    }
  }

  dispose(): void {
    this.inner.dispose();
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    this.pending = this.pending.then(step, step);
    return this.pending;
  }

  /** Moves to the fastest remaining backend that starts, else to plain JS. */
  private async next(): Promise<void> {
    const old = this.inner;
    this.gl = undefined;
    let engine: ScoreEngine | undefined;
    while (engine === undefined && this.ranked.length > 0 && this.tf !== undefined) {
      const name = this.ranked.shift()!;
      try {
        const made = await this.tf.tfEngine(name, this.table, this.rows, this.cols);
        engine = made.engine;
        this.gl = made.gl;
        this.glCalls = 0;
      } catch (e) {
        this.state.failures.push(`${name}: ${message(e)}`);
      }
    }
    this.inner = engine ?? this.plain;
    this.state.backend = this.inner.name;
    try {
      if (old !== this.plain) old.dispose();
    } catch {
      // A lost WebGL context may refuse to free its textures; they are gone with it anyway.
    }
  }
}
