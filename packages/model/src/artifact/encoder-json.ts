import { InsituError } from '@insitu/core';
import { DENSE_WEIGHTS } from '../encoder/spec.ts';
import type { EncoderWeights } from '../encoder/spec.ts';

/** One entry of a tfjs weights manifest. */
export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: 'float32';
}

/** `encoder/model.json`: the tfjs weights-manifest format with our own topology record. */
export interface EncoderModelJson {
  format: 'insitu-encoder';
  generatedBy: string;
  modelTopology: { type: 'causal-self-attention'; blocks: 1; dims: number; maxLen: number };
  weightsManifest: { paths: string[]; weights: WeightSpec[] }[];
}

/**
 * Decodes the weights binary by the manifest, the way `tf.io.decodeWeights` does for float32,
 * without tfjs so the worker can read the encoder before (or without) loading tfjs.
 */
export function decodeEncoderWeights(json: EncoderModelJson, data: Uint8Array): EncoderWeights {
  const specs = json.weightsManifest.flatMap((group) => group.weights);
  const out: EncoderWeights = {};
  let at = 0;
  for (const spec of specs) {
    if (spec.dtype !== 'float32') {
      throw new InsituError(
        'artifact_mismatch',
        `encoder weight ${spec.name} is ${spec.dtype}, expected float32.`,
      );
    }
    const size = spec.shape.reduce((a, b) => a * b, 1);
    if (at + size * 4 > data.length) {
      throw new InsituError(
        'artifact_mismatch',
        'encoder/weights.bin is shorter than model.json says.',
      );
    }
    out[spec.name] = new Float32Array(data.slice(at, at + size * 4).buffer);
    at += size * 4;
  }
  for (const name of DENSE_WEIGHTS) {
    if (out[name] === undefined) {
      throw new InsituError('artifact_mismatch', `encoder/model.json lacks weight ${name}.`);
    }
  }
  return out;
}
