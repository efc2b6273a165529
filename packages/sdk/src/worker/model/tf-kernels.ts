// The only kernels insitu runs: BatchMatMul (scores), Reshape (user vector in, scores out) and
// TopK (the bench's on-device top-k). Registering these instead of every kernel keeps the lazy
// tfjs chunk small.
import type { KernelConfig } from '@tensorflow/tfjs-core';
import { batchMatMulConfig as cpuMatMul } from '@tensorflow/tfjs-backend-cpu/dist/kernels/BatchMatMul';
import { reshapeConfig as cpuReshape } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Reshape';
import { topKConfig as cpuTopK } from '@tensorflow/tfjs-backend-cpu/dist/kernels/TopK';
import { batchMatMulConfig as glMatMul } from '@tensorflow/tfjs-backend-webgl/dist/kernels/BatchMatMul';
import { reshapeConfig as glReshape } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Reshape';
import { topKConfig as glTopK } from '@tensorflow/tfjs-backend-webgl/dist/kernels/TopK';
import { batchMatMulConfig as wasmMatMul } from '@tensorflow/tfjs-backend-wasm/dist/kernels/BatchMatMul';
import { reshapeConfig as wasmReshape } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Reshape';
import { topKConfig as wasmTopK } from '@tensorflow/tfjs-backend-wasm/dist/kernels/TopK';

/** Kernel configs of every backend, each naming its own backend. */
export const KERNELS: readonly KernelConfig[] = [
  cpuMatMul,
  cpuReshape,
  cpuTopK,
  glMatMul,
  glReshape,
  glTopK,
  wasmMatMul,
  wasmReshape,
  wasmTopK,
];
