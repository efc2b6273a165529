// The lazy training chunk: the kernels a personal-head step runs beyond scoring's (see
// `HeadTrainer` / TRAIN_KERNELS), registered on each backend, and the choice of backend.
import { getKernel, registerKernel, type KernelConfig } from '@tensorflow/tfjs-core';
import { multiplyConfig as cpuMultiply } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Multiply';
import { addConfig as cpuAdd } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Add';
import { subConfig as cpuSub } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Sub';
import { maxConfig as cpuMax } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Max';
import { expConfig as cpuExp } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Exp';
import { sumConfig as cpuSum } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Sum';
import { realDivConfig as cpuRealDiv } from '@tensorflow/tfjs-backend-cpu/dist/kernels/RealDiv';
import { logConfig as cpuLog } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Log';
import { multiplyConfig as glMultiply } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Multiply';
import { addConfig as glAdd } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Add';
import { subConfig as glSub } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Sub';
import { maxConfig as glMax } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Max';
import { expConfig as glExp } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Exp';
import { sumConfig as glSum } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Sum';
import { realDivConfig as glRealDiv } from '@tensorflow/tfjs-backend-webgl/dist/kernels/RealDiv';
import { logConfig as glLog } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Log';
import { multiplyConfig as wasmMultiply } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Multiply';
import { addConfig as wasmAdd } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Add';
import { subConfig as wasmSub } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Sub';
import { maxConfig as wasmMax } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Max';
import { expConfig as wasmExp } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Exp';
import { sumConfig as wasmSum } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Sum';
import { realDivConfig as wasmRealDiv } from '@tensorflow/tfjs-backend-wasm/dist/kernels/RealDiv';
import { logConfig as wasmLog } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Log';
import type { HeadBatch, HeadOptions } from '@insitu/model';
import { HeadTrainer } from '@insitu/model/learn';
import { TF_BACKENDS, useBackend, type TfBackend } from './tf-backends.ts';

export { TF_BACKENDS };
import { medianMs, withTimeout } from './timing.ts';

const TRAINING_KERNELS: readonly KernelConfig[] = [
  cpuMultiply,
  cpuAdd,
  cpuSub,
  cpuMax,
  cpuExp,
  cpuSum,
  cpuRealDiv,
  cpuLog,
  glMultiply,
  glAdd,
  glSub,
  glMax,
  glExp,
  glSum,
  glRealDiv,
  glLog,
  wasmMultiply,
  wasmAdd,
  wasmSub,
  wasmMax,
  wasmExp,
  wasmSum,
  wasmRealDiv,
  wasmLog,
];

let registered = false;
function registerTraining(): void {
  if (registered) return;
  registered = true;
  for (const k of TRAINING_KERNELS) {
    if (getKernel(k.kernelName, k.backendName) === undefined) registerKernel(k);
  }
}

/** A step on a healthy backend takes milliseconds; measuring one may take this long. */
const MEASURE_TIMEOUT_MS = 20_000;

/** Warm ms of one training step on each candidate, or why it could not run. */
export type TrainTimings = Record<string, number | string>;

/** Makes `name` the active backend, with the training kernels registered. */
export async function useTrainingBackend(name: TfBackend): Promise<void> {
  registerTraining();
  await useBackend(name);
}

/**
 * Times one training step on each candidate backend with the real batch (warm median of a few
 * steps) and leaves the fastest active: how the scorer's backend is chosen too.
 */
export async function measureTraining(
  batch: HeadBatch,
  options: Pick<HeadOptions, 'rate' | 'l2'>,
  candidates?: readonly string[],
): Promise<{ backend: TfBackend; timings: TrainTimings }> {
  const timings: TrainTimings = {};
  let best: [TfBackend, number] | undefined;
  for (const name of TF_BACKENDS.filter((b) => candidates?.includes(b) ?? true)) {
    let trainer: HeadTrainer | undefined;
    try {
      await useTrainingBackend(name);
      const t = new HeadTrainer(batch, new Float32Array(batch.heads * batch.dims), options);
      trainer = t;
      const ms = await withTimeout(
        medianMs(() => t.step(), { minRuns: 3, maxRuns: 5, budgetMs: 50 }),
        MEASURE_TIMEOUT_MS,
        name,
      );
      timings[name] = Math.round(ms * 1000) / 1000;
      if (best === undefined || ms < best[1]) best = [name, ms];
    } catch (e) {
      timings[name] = `unavailable: ${e instanceof Error ? e.message : String(e)}`;
    } finally {
      trainer?.dispose();
    }
  }
  if (best === undefined)
    throw new Error(`No tfjs backend could train: ${JSON.stringify(timings)}`);
  await useTrainingBackend(best[0]);
  return { backend: best[0], timings };
}

export { HeadTrainer };
export { numTensors } from './tf-backends.ts';
