import { InsituError } from '@insitu/core';
import { decodeEmbeddings, decodeFloats, decodeNeighbours } from './artifact/codec.ts';
import { decodeEncoderWeights } from './artifact/encoder-json.ts';
import type { EncoderModelJson } from './artifact/encoder-json.ts';
import { FILES, FORMAT_VERSION } from './artifact/manifest.ts';
import type { ArtifactManifest } from './artifact/manifest.ts';
import type { ArtifactCentroids, IntentArtifact, ProfileParts } from './artifact/profile-files.ts';
import { InsituModel } from './insitu-model.ts';

/** Reads one artifact file by its path relative to the manifest. */
export type ArtifactReader = (path: string) => Promise<Uint8Array>;

/** Options of `loadModel`. */
export interface LoadOptions {
  /** The fetch to use (default: the global one); e.g. a Cache Storage-backed fetch. */
  fetch?: (
    url: string,
  ) => Promise<{ ok: boolean; status: number; arrayBuffer(): Promise<ArrayBuffer> }>;
  /** When given, the artifact must have been built for this catalog (`catalogHash`). */
  catalogHash?: string;
}

const failed = (message: string, cause?: unknown) =>
  new InsituError('model_load_failed', message, cause === undefined ? {} : { cause });

const json = <T>(bytes: Uint8Array): T => JSON.parse(new TextDecoder().decode(bytes)) as T;

/** Checks a parsed manifest; throws `artifact_mismatch` naming what is wrong. */
export function checkManifest(m: ArtifactManifest, catalogHash?: string): void {
  if (m.format !== 'insitu-model' || m.formatVersion !== FORMAT_VERSION) {
    throw new InsituError(
      'artifact_mismatch',
      `manifest.json is format ${String(m.format)} v${String(m.formatVersion)}; this SDK reads insitu-model v${FORMAT_VERSION}. Rebuild with \`insitu build\`.`,
      { field: 'manifest.json' },
    );
  }
  if (m.itemIds.length !== m.itemCount) {
    throw new InsituError('artifact_mismatch', 'manifest.json itemIds do not match itemCount.');
  }
  if (catalogHash !== undefined && m.catalogHash !== null && m.catalogHash !== catalogHash) {
    throw new InsituError(
      'artifact_mismatch',
      'The model was built for another catalog; rebuild it with the current catalog.json.',
      { field: 'catalogHash' },
    );
  }
}

/** The artifact's first stage: what a visitor with no history needs (trending). */
export interface ArtifactPopularity {
  manifest: ArtifactManifest;
  /** Time-decayed popularity per model row (scaled to a maximum of 1). */
  popularity: Float32Array;
}

/**
 * Reads only `manifest.json` and `popularity.bin` (~30 KB gzipped for 10k items): enough for
 * trending, so a new visitor's first page need not download the embeddings and neighbours.
 */
export async function loadPopularity(
  read: ArtifactReader,
  catalogHash?: string,
): Promise<ArtifactPopularity> {
  const manifest = json<ArtifactManifest>(await read(FILES.manifest));
  checkManifest(manifest, catalogHash);
  const bytes = await read(FILES.popularity);
  return { manifest, popularity: decodeFloats(bytes, manifest.itemCount, FILES.popularity) };
}

/** Loads an artifact through any file reader (fetch in the worker, the file system in Node). */
export async function loadArtifact(
  read: ArtifactReader,
  catalogHash?: string,
): Promise<InsituModel> {
  const manifest = json<ArtifactManifest>(await read(FILES.manifest));
  checkManifest(manifest, catalogHash);
  const sized = async (path: string) => {
    const bytes = await read(path);
    if (manifest.files[path] !== undefined && manifest.files[path] !== bytes.length) {
      throw new InsituError(
        'artifact_mismatch',
        `${path} has ${bytes.length} bytes, manifest says ${manifest.files[path]}.`,
        {
          field: path,
        },
      );
    }
    return bytes;
  };
  const n = manifest.itemCount;
  const optional = (path: string) => (manifest.files[path] === undefined ? null : sized(path));
  const [emb, nb, cnb, snb, pop, cen, encJson, encBin] = await Promise.all([
    sized(FILES.embeddings),
    sized(FILES.neighbours),
    optional(FILES.contentNeighbours),
    optional(FILES.sequenceNeighbours),
    sized(FILES.popularity),
    sized(FILES.centroids),
    manifest.encoder === null ? null : sized(FILES.encoderJson),
    manifest.encoder === null ? null : sized(FILES.encoderWeights),
  ]);
  const encoder =
    encJson === null || encBin === null
      ? null
      : decodeEncoderWeights(json<EncoderModelJson>(encJson), encBin);
  const cenJson = json<{ features?: string[]; centroids: unknown[] }>(cen);
  // Profile-space centroids (with `features`) come with intent.json; older artifacts have neither.
  const profile: ProfileParts | undefined =
    cenJson.features === undefined || manifest.files[FILES.intent] === undefined
      ? undefined
      : {
          centroids: cenJson.centroids.length > 0 ? (cenJson as ArtifactCentroids) : null,
          intent: json<IntentArtifact>(await sized(FILES.intent)),
        };
  const centroids =
    cenJson.features === undefined
      ? (cenJson.centroids as number[][]).map((c) => Float32Array.from(c))
      : [];
  return new InsituModel({
    manifest,
    embeddings: decodeEmbeddings(emb, n, manifest.dims),
    encoder,
    neighbours: decodeNeighbours(nb, n),
    ...(cnb === null ? {} : { contentNeighbours: decodeNeighbours(cnb, n) }),
    ...(snb === null ? {} : { sequenceNeighbours: decodeNeighbours(snb, n) }),
    popularity: decodeFloats(pop, n, FILES.popularity),
    centroids,
    ...(profile === undefined ? {} : { profile }),
  });
}

/**
 * Fetches and loads the artifact under `baseUrl` (the folder holding manifest.json). Errors are
 * InsituErrors: `model_load_failed` for network/HTTP failures, `artifact_mismatch` for bad files.
 */
export async function loadModel(baseUrl: string, options: LoadOptions = {}): Promise<InsituModel> {
  const doFetch = options.fetch ?? ((url: string) => fetch(url));
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  const read: ArtifactReader = async (path) => {
    let response;
    try {
      response = await doFetch(base + path);
    } catch (error) {
      throw failed(`Could not fetch ${base + path}.`, error);
    }
    if (!response.ok) throw failed(`Fetching ${base + path} failed with HTTP ${response.status}.`);
    return new Uint8Array(await response.arrayBuffer());
  };
  return loadArtifact(read, options.catalogHash);
}
