import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsScoreEngine } from '@insitu/model';
import { seededRandom } from '@insitu/core';
import { EngineSwitch } from './engine-switch.ts';

// The table of a 20k-item shop at 32 dims: large enough that the SIMD kernel's lead over plain JS
// is far above the timer's resolution.
const [ROWS, COLS] = [20_000, 32];
const random = seededRandom(3);
const table = Float32Array.from({ length: ROWS * COLS }, () => random() * 2 - 1);
const user = Float32Array.from({ length: COLS }, () => random() * 2 - 1);

afterEach(() => vi.restoreAllMocks());

describe('the plain engine', () => {
  it('moves to the wasm SIMD kernel when it measures faster, with the same dot products', async () => {
    const engine = new EngineSwitch(table, ROWS, COLS);
    expect(engine.name).toBe('js');
    expect(await engine.plainIsEnough(1000)).toBe(true);
    const { timings } = engine.state;
    expect(typeof timings['js']).toBe('number');
    expect(typeof timings['simd']).toBe('number');
    expect(timings['simd']).toBeLessThan(timings['js'] as number);
    expect(engine.name).toBe('simd');
    expect(engine.state.backend).toBe('simd');
    expect(timings['tfjs']).toMatch(/^not loaded: simd takes/);
    const got = await engine.dot(user);
    const want = await jsScoreEngine(table, ROWS, COLS).dot(user);
    for (let r = 0; r < ROWS; r++) expect(Math.abs(got[r]! - want[r]!)).toBeLessThan(1e-4);
  });

  it('keeps plain JS where WebAssembly does not compile (a CSP without wasm-unsafe-eval)', async () => {
    vi.spyOn(WebAssembly, 'instantiate').mockRejectedValue(
      new WebAssembly.CompileError("Refused to compile: 'wasm-unsafe-eval' is not allowed"),
    );
    const engine = new EngineSwitch(table, ROWS, COLS);
    await engine.plainIsEnough(1000);
    expect(engine.state.timings['simd']).toMatch(/^unavailable: Refused to compile/);
    expect(engine.name).toBe('js');
    expect(engine.state.failures).toEqual([]);
    const got = await engine.dot(user);
    expect([...got]).toEqual([...(await jsScoreEngine(table, ROWS, COLS).dot(user))]);
  });

  it('does not try the SIMD kernel again once an earlier page saw it refused', async () => {
    const instantiate = vi.spyOn(WebAssembly, 'instantiate');
    const engine = new EngineSwitch(table, ROWS, COLS);
    await engine.plainIsEnough(1000, 'CompileError: refused');
    expect(instantiate).not.toHaveBeenCalled();
    expect(engine.state.timings['simd']).toBe(
      'unavailable: refused on an earlier page (CompileError: refused)',
    );
    expect(engine.name).toBe('js');
  });

  it('says tfjs is worth loading when the faster plain engine is above the threshold', async () => {
    const engine = new EngineSwitch(table, ROWS, COLS);
    expect(await engine.plainIsEnough(0)).toBe(false);
    expect(engine.state.timings['tfjs']).toBeUndefined();
    expect(engine.name).toBe('simd');
  });

  it('moves to a tfjs backend only when it measures faster than the plain engine', async () => {
    const fake = (ms: Record<string, number>) =>
      ({
        TF_BACKENDS: ['webgl', 'wasm', 'cpu'],
        tfEngine: async (name: string) => ({
          engine: { ...jsScoreEngine(table, ROWS, COLS), name },
        }),
        timeEngine: async (e: { name: string }) => ms[e.name]!,
      }) as unknown as Parameters<EngineSwitch['select']>[0];
    const slow = new EngineSwitch(table, ROWS, COLS);
    await slow.plainIsEnough(0);
    expect((await slow.select(fake({ webgl: 50, wasm: 40, cpu: 60 }))).ranked).toEqual([]);
    expect(slow.name).toBe('simd');
    const fast = new EngineSwitch(table, ROWS, COLS);
    await fast.plainIsEnough(0);
    const ranked = (await fast.select(fake({ webgl: 50, wasm: 1e-6, cpu: 60 }))).ranked;
    expect(ranked).toEqual(['wasm']);
    expect(fast.name).toBe('wasm');
  });
});
