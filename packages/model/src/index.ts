export { InsituModel } from './insitu-model.ts';
export type { ModelParts, PersonalHead } from './insitu-model.ts';
export { loadModel, loadArtifact, loadPopularity, checkManifest } from './load-model.ts';
export type { LoadOptions, ArtifactReader, ArtifactPopularity } from './load-model.ts';
export { FORMAT_VERSION, FILES } from './artifact/manifest.ts';
export type { ArtifactManifest, HoldoutFigures } from './artifact/manifest.ts';
export { catalogHash } from './artifact/catalog-hash.ts';
export { parseIntentModel } from './artifact/profile-files.ts';
export type { IntentArtifact, ProfileParts, ArtifactCentroids } from './artifact/profile-files.ts';
export { blendScores, covisScores, softDots, softScale } from './blend.ts';
export type { BlendWeights, Components } from './blend.ts';
export { quantizeRows, dequantizeRow, dequantizeAll } from './quantize.ts';
export type { QuantizedMatrix } from './quantize.ts';
export { neighbourScore, neighboursOf } from './neighbours.ts';
export type { NeighbourTable } from './neighbours.ts';
export { jsScoreEngine } from './score-engine.ts';
export { simdScoreEngine } from './simd-engine.ts';
export type { ScoreEngine } from './score-engine.ts';
export { encodeHistory } from './encoder/forward.ts';
export {
  HEAD_DEFAULTS,
  headBatch,
  headTemperature,
  learningExamples,
  scoreExamples,
} from './personal/head.ts';
export type { HeadBatch, HeadExample, HeadOptions } from './personal/head.ts';
export { REPLAY_DEFAULTS, replayImpressions } from './personal/replay.ts';
export type { ReplayOptions } from './personal/replay.ts';
