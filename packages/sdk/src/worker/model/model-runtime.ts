import {
  InsituError,
  SEGMENT_FEATURES,
  type Catalog,
  type ItemVectors,
  type SegmentCentroids,
} from '@insitu/core';
import { catalogHash, FILES, loadArtifact, type InsituModel } from '@insitu/model';
import { openArtifact, type CacheOutcome, type CachedArtifact } from './artifact-cache.ts';

/** A loaded model lined up with the shop's catalog, ready for the strategies. */
export interface ModelRuntime {
  model: InsituModel;
  catalog: Catalog;
  /** Model row of each catalog item (-1: the model does not know it). */
  rowOf: Int32Array;
  /** Catalog index of each model row (-1: not in the catalog). */
  itemOf: Int32Array;
  /** Item vectors in catalog order (zero rows for unknown items), for MMR and explanations. */
  vectors: ItemVectors;
  /** Euclidean norm of each model row, for cosine similarity from the engine's dot products. */
  norms: Float32Array;
  /** Profile segment centroids, when the artifact ships them in the profile's feature space. */
  centroids: SegmentCentroids | undefined;
  cache: CacheOutcome;
  /** Notes kept with this artifact version in the cache (the backend choice). */
  notes: Pick<CachedArtifact, 'note' | 'setNote'>;
  /** `createdAt` of the build, shown in stats. */
  version: string;
}

/** Reads centroids.json as profile centroids; undefined when it is in another space. */
function profileCentroids(bytes: Uint8Array | undefined): SegmentCentroids | undefined {
  if (bytes === undefined) return undefined;
  try {
    const json = JSON.parse(new TextDecoder().decode(bytes)) as Partial<SegmentCentroids>;
    const f = json.features;
    const ok =
      Array.isArray(f) &&
      f.length === SEGMENT_FEATURES.length &&
      f.every((x, i) => x === SEGMENT_FEATURES[i]) &&
      Array.isArray(json.centroids);
    return ok ? (json as SegmentCentroids) : undefined;
  } catch {
    return undefined;
  }
}

/** Lines the model rows up with the catalog (identical order when built for this catalog). */
export function alignModel(model: InsituModel, catalog: Catalog) {
  const n = catalog.items.length;
  const d = model.dims;
  const rowOf = new Int32Array(n).fill(-1);
  const itemOf = new Int32Array(model.itemCount).fill(-1);
  const values = new Float32Array(n * d);
  catalog.items.forEach((item, i) => {
    const row = model.indexOf(item.id);
    if (row === undefined) return;
    rowOf[i] = row;
    itemOf[row] = i;
    values.set(model.itemVectors.subarray(row * d, (row + 1) * d), i * d);
  });
  const norms = new Float32Array(model.itemCount);
  for (let r = 0; r < model.itemCount; r++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += model.itemVectors[r * d + j]! ** 2;
    norms[r] = Math.sqrt(s);
  }
  return { rowOf, itemOf, vectors: { dim: d, values }, norms };
}

/**
 * Fetches the artifact (through Cache Storage), checks that it was built for this catalog
 * (`artifact_mismatch` otherwise) and lines it up with the catalog.
 */
export async function loadRuntime(
  baseUrl: string,
  catalog: Catalog,
  opened?: CachedArtifact,
): Promise<ModelRuntime> {
  const artifact = opened ?? (await openArtifact(baseUrl));
  let centroidBytes: Uint8Array | undefined;
  const read = async (path: string) => {
    const bytes = await artifact.read(path);
    if (path === FILES.centroids) centroidBytes = bytes;
    return bytes;
  };
  const model = await loadArtifact(read, catalogHash(catalog));
  const aligned = alignModel(model, catalog);
  if (!aligned.rowOf.some((r) => r >= 0)) {
    model.dispose();
    throw new InsituError(
      'artifact_mismatch',
      'The model knows none of the catalog items; rebuild it with the current catalog.json.',
      { field: 'manifest.json' },
    );
  }
  await artifact.commit();
  return {
    model,
    catalog,
    ...aligned,
    centroids: profileCentroids(centroidBytes),
    cache: artifact.outcome,
    notes: artifact,
    version: model.manifest.createdAt,
  };
}
