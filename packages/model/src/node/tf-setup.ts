import * as tf from '@tensorflow/tfjs-core';
// The union package registers every gradient; tfjs-core's Node bundle alone has none.
import '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';

/**
 * The stock gradient of a gather is UnsortedSegmentSum, which the cpu backend runs in
 * O(vocabulary × batch) and the wasm backend lacks; a plain scatter-add makes an epoch ~40× faster.
 */
function registerScatterAdd(backendName: string): void {
  const existing = tf.getKernel('UnsortedSegmentSum', backendName);
  if (existing !== undefined && backendName !== 'cpu') return;
  if (existing !== undefined) tf.unregisterKernel('UnsortedSegmentSum', backendName);
  tf.registerKernel({
    kernelName: 'UnsortedSegmentSum',
    backendName,
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { x, segmentIds } = inputs as { x: tf.TensorInfo; segmentIds: tf.TensorInfo };
      const numSegments = (attrs as { numSegments: number }).numSegments;
      const b = backend as unknown as {
        readSync(id: tf.DataId): Float32Array | Int32Array;
        makeTensorInfo?: (s: number[], d: string, v: Float32Array) => tf.TensorInfo;
        makeOutput?: (s: number[], d: string, o: undefined, v: Float32Array) => tf.TensorInfo;
      };
      const values = b.readSync(x.dataId);
      const ids = b.readSync(segmentIds.dataId);
      const width = ids.length === 0 ? 0 : values.length / ids.length;
      const out = new Float32Array(numSegments * width);
      for (let r = 0; r < ids.length; r++) {
        const base = ids[r]! * width;
        const src = r * width;
        for (let k = 0; k < width; k++) out[base + k]! += values[src + k]!;
      }
      const shape = [numSegments, ...x.shape.slice(1)];
      if (b.makeTensorInfo) return b.makeTensorInfo(shape, 'float32', out);
      return b.makeOutput!(shape, 'float32', undefined, out);
    },
  });
}

let ready: Promise<string> | undefined;

/**
 * Picks the training backend in Node: wasm (SIMD, one thread) when it starts, else cpu.
 * Threads are off: they break determinism and the machine is shared.
 */
export function setupTraining(preferred: 'wasm' | 'cpu' = 'wasm'): Promise<string> {
  ready ??= (async () => {
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    let name = 'cpu';
    if (preferred === 'wasm') {
      const timeout = new Promise<boolean>((r) => setTimeout(() => r(false), 10_000));
      const ok = await Promise.race([tf.setBackend('wasm').catch(() => false), timeout]);
      if (ok === true) name = 'wasm';
    }
    if (name === 'cpu') await tf.setBackend('cpu');
    await tf.ready();
    registerScatterAdd(name);
    return name;
  })();
  return ready;
}
