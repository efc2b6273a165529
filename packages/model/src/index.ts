import type { FitScorer } from '@insitu/core';

export { InsituModel } from './insitu-model.ts';
export type { ModelParts } from './insitu-model.ts';
export { loadModel, loadArtifact, checkManifest } from './load-model.ts';
export type { LoadOptions, ArtifactReader } from './load-model.ts';
export { FORMAT_VERSION, FILES } from './artifact/manifest.ts';
export type { ArtifactManifest, HoldoutFigures } from './artifact/manifest.ts';
export { catalogHash } from './artifact/catalog-hash.ts';
export { blendScores, covisScores, softScale } from './blend.ts';
export type { BlendWeights, Components } from './blend.ts';
export { quantizeRows, dequantizeRow, dequantizeAll } from './quantize.ts';
export type { QuantizedMatrix } from './quantize.ts';
export { neighboursOf } from './neighbours.ts';
export type { NeighbourTable } from './neighbours.ts';
export { jsScoreEngine } from './score-engine.ts';
export type { ScoreEngine } from './score-engine.ts';
export { encodeHistory } from './encoder/forward.ts';

/**
 * Node only: trains the model on the eval's train split (see `@insitu/model/node`). Loaded
 * through a computed specifier so bundlers never pull the training code into the worker.
 */
export const fitInsitu: FitScorer = async (data, options) => {
  const specifier = './node/index.ts';
  const node = (await import(/* @vite-ignore */ specifier)) as { fitInsitu: FitScorer };
  return node.fitInsitu(data, options);
};
