// The lazy tfjs chunk: only the three kernels scoring uses are registered on each backend, so the
// chunk carries no unused kernels. Nothing imports this file statically (see model-service.ts).
// The `?url` module types must reach every tsconfig compiling this file (worker, test bench).
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./url-imports.d.ts" />
import { backend, env, memory, registerKernel, setBackend } from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu/dist/base';
import '@tensorflow/tfjs-backend-webgl/dist/base';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm/dist/base';
import { KERNELS } from './tf-kernels.ts';
import wasmPlainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import { tfScoreEngine } from '@insitu/model/tf';
import type { ScoreEngine } from '@insitu/model';
import { medianMs, withTimeout } from './timing.ts';

/** The tfjs backends insitu can score on, in the order they are tried. */
export const TF_BACKENDS = ['webgl', 'wasm', 'cpu'] as const;
export type TfBackend = (typeof TF_BACKENDS)[number];

/** `setBackend` can hang (a wasm file that never arrives, a GPU process that died). */
const SET_BACKEND_MS = 8000;

let registered = false;
function registerKernels(): void {
  if (registered) return;
  registered = true;
  for (const k of KERNELS) registerKernel(k);
  // Threaded wasm never initialises in a minified build; SIMD on one thread is what we measure.
  env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  // Software WebGL is measured like any other backend rather than refused up front.
  env().set('SOFTWARE_WEBGL_ENABLED', true);
  setWasmPaths({
    'tfjs-backend-wasm.wasm': wasmPlainUrl,
    'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
    'tfjs-backend-wasm-threaded-simd.wasm': wasmSimdUrl,
  });
}

/** Makes `name` the active tfjs backend; throws when it cannot start in time. */
export async function useBackend(name: TfBackend): Promise<void> {
  registerKernels();
  const ok = await withTimeout(setBackend(name), SET_BACKEND_MS, `setBackend('${name}')`);
  if (!ok) throw new Error(`tfjs backend ${name} is not available here`);
}

/** A tfjs engine on `name` plus, for WebGL, its context (to watch for and inject context loss). */
export async function tfEngine(
  name: TfBackend,
  table: Float32Array,
  rows: number,
  cols: number,
): Promise<{ engine: ScoreEngine; gl: WebGL2RenderingContext | undefined }> {
  await useBackend(name);
  const engine = tfScoreEngine(table, rows, cols);
  const gl =
    name === 'webgl'
      ? (backend() as unknown as { gpgpu?: { gl?: WebGL2RenderingContext } }).gpgpu?.gl
      : undefined;
  return { engine, gl };
}

/** Warm time (median ms) of one engine call, after a first call that compiles and uploads. */
export async function timeEngine(engine: ScoreEngine, probe: Float32Array): Promise<number> {
  return medianMs(() => engine.dot(probe));
}

/** Tensors alive in tfjs now (a test checks it stays flat across calls). */
export const numTensors = (): number => memory().numTensors;
