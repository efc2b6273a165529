export { fitInsitu, modelScorer } from './fit-insitu.ts';
export { fitModel, MIN_INTERACTIONS } from './fit.ts';
export type { InsituFitOptions } from './fit.ts';
export { serializeArtifact } from './serialize.ts';
export type { ArtifactFiles } from './serialize.ts';
export { writeArtifactDir, readArtifactDir, readArtifactFiles } from './files.node.ts';
export { setupTraining } from './tf-setup.ts';
export { contentVectors } from './content-vectors.ts';
export type { ContentItem } from './content-vectors.ts';
