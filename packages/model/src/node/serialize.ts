import * as tf from '@tensorflow/tfjs-core';
import { encodeEmbeddings, encodeNeighbours, floatBytes } from '../artifact/codec.ts';
import type { EncoderModelJson, WeightSpec } from '../artifact/encoder-json.ts';
import { FILES } from '../artifact/manifest.ts';
import { DENSE_WEIGHTS, weightShapes } from '../encoder/spec.ts';
import type { ModelParts } from '../insitu-model.ts';

/** An artifact in memory: path relative to the manifest → bytes. */
export type ArtifactFiles = Map<string, Uint8Array>;

const utf8 = (s: string) => new TextEncoder().encode(s);

/**
 * Writes the encoder through a tfjs IOHandler, so model.json + weights.bin are exactly what
 * `tf.io` produces (weightsManifest + one concatenated binary); the item table is left out because
 * it ships quantised in embeddings.bin.
 */
async function encoderFiles(parts: ModelParts): Promise<[EncoderModelJson, Uint8Array]> {
  const enc = parts.manifest.encoder!;
  const shapes = new Map(
    weightShapes({ dims: parts.manifest.dims, maxLen: enc.maxLen, itemCount: 0 }),
  );
  const tensors = DENSE_WEIGHTS.map((name) => ({
    name,
    tensor: tf.tensor(parts.encoder![name]!, shapes.get(name)!),
  }));
  const { data, specs } = await tf.io.encodeWeights(tensors);
  tensors.forEach((t) => t.tensor.dispose());
  let saved: [EncoderModelJson, Uint8Array] | undefined;
  const handler: tf.io.IOHandler = {
    save: (artifacts) => {
      const bytes = new Uint8Array(artifacts.weightData as ArrayBuffer);
      saved = [
        {
          format: 'insitu-encoder',
          generatedBy: 'insitu build',
          modelTopology: {
            type: 'causal-self-attention',
            blocks: 1,
            dims: parts.manifest.dims,
            maxLen: enc.maxLen,
          },
          weightsManifest: [
            { paths: ['weights.bin'], weights: artifacts.weightSpecs as WeightSpec[] },
          ],
        },
        bytes,
      ];
      return Promise.resolve({ modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) });
    },
  };
  await handler.save!({ modelTopology: {}, weightSpecs: specs, weightData: data });
  return saved!;
}

/** Serialises model parts into artifact files, the manifest last (it lists the others' sizes). */
export async function serializeArtifact(parts: ModelParts): Promise<ArtifactFiles> {
  const files: ArtifactFiles = new Map();
  files.set(FILES.embeddings, encodeEmbeddings(parts.embeddings));
  files.set(FILES.neighbours, encodeNeighbours(parts.neighbours));
  if (parts.contentNeighbours !== undefined) {
    files.set(FILES.contentNeighbours, encodeNeighbours(parts.contentNeighbours));
  }
  if (parts.sequenceNeighbours !== undefined) {
    files.set(FILES.sequenceNeighbours, encodeNeighbours(parts.sequenceNeighbours));
  }
  files.set(FILES.popularity, floatBytes(parts.popularity));
  const profile = parts.profile;
  if (profile !== undefined) {
    // The profile's centroids replace the user-vector ones: nothing reads those (segmentOf aside).
    const none = { features: [], centroids: [] };
    files.set(FILES.centroids, utf8(JSON.stringify(profile.centroids ?? none)));
    files.set(FILES.intent, utf8(JSON.stringify(profile.intent)));
  } else {
    const centroids = parts.centroids.map((c) => Array.from(c, (v) => Math.round(v * 1e5) / 1e5));
    files.set(FILES.centroids, utf8(JSON.stringify({ dims: parts.manifest.dims, centroids })));
  }
  if (parts.encoder !== null && parts.manifest.encoder !== null) {
    const [json, bin] = await encoderFiles(parts);
    files.set(FILES.encoderJson, utf8(JSON.stringify(json)));
    files.set(FILES.encoderWeights, bin);
  }
  const manifest = {
    ...parts.manifest,
    files: Object.fromEntries([...files].map(([p, b]) => [p, b.length])),
  };
  files.set(FILES.manifest, utf8(JSON.stringify(manifest, null, 1)));
  return files;
}
