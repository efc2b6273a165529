import type { HistoryEntry, IntentModel, SegmentCentroids } from '@insitu/core';
import { blendScores, covisScores, covisSums, softDots, softScale, TouchedRows } from './blend.ts';
import type { Components } from './blend.ts';
import type { ArtifactManifest } from './artifact/manifest.ts';
import { parseIntentModel, type ProfileParts } from './artifact/profile-files.ts';
import { encodeHistory } from './encoder/forward.ts';
import type { EncoderWeights } from './encoder/spec.ts';
import { neighboursOf } from './neighbours.ts';
import type { NeighbourTable } from './neighbours.ts';
import { dequantizeAll } from './quantize.ts';
import type { QuantizedMatrix } from './quantize.ts';
import { jsScoreEngine } from './score-engine.ts';
import type { ScoreEngine } from './score-engine.ts';

/** An optional table's `covisSums` into its reused buffer; null when the blend does not use it. */
function sumsInto(
  buffer: Float32Array<ArrayBuffer> | null,
  table: NeighbourTable | undefined,
  history: readonly HistoryEntry[],
  recency: number,
  touched: TouchedRows,
): Float32Array | null {
  return buffer === null || table === undefined
    ? null
    : covisSums(table, history, recency, buffer.fill(0), touched);
}

/** The decoded contents of an artifact. */
export interface ModelParts {
  manifest: ArtifactManifest;
  embeddings: QuantizedMatrix;
  encoder: EncoderWeights | null;
  neighbours: NeighbourTable;
  popularity: Float32Array;
  /** Content neighbours (catalog-text similarity) when the blend uses them (`blend.content`). */
  contentNeighbours?: NeighbourTable;
  /** Co-visitation beside EASE neighbours when the blend uses it (`blend.sequence`). */
  sequenceNeighbours?: NeighbourTable;
  /** Segment centroids in user-vector space (empty when the artifact ships profile centroids). */
  centroids: Float32Array[];
  /** Profile segment centroids and purchase-intent weights fitted from the logs, when present. */
  profile?: ProfileParts;
}

/** A trained personal head: its offset and the temperature it was trained with. */
export interface PersonalHead {
  offset: Float32Array;
  temperature: number;
}

/** A loaded model: scores every item for a history, on the device and in the eval alike. */
export class InsituModel {
  readonly manifest: ArtifactManifest;
  readonly itemCount: number;
  readonly dims: number;
  /** Dequantised item vectors, row-major itemCount × dims. */
  readonly itemVectors: Float32Array;
  private readonly parts: ModelParts;
  private readonly index: Map<string, number>;
  private engine: ScoreEngine;
  /** The neighbour, content and sequence sums `scoreHistory` blends from, reused across calls. */
  private readonly covis: Float32Array<ArrayBuffer>;
  /** The rows those sums reached in the last `scoreHistory`. */
  private readonly touched: TouchedRows;
  /** Null when the blend does not use content neighbours (none shipped, or weight 0). */
  private readonly content: Float32Array<ArrayBuffer> | null;
  /** Null when the blend does not use sequence neighbours (none shipped, or weight 0). */
  private readonly sequence: Float32Array<ArrayBuffer> | null;

  constructor(parts: ModelParts) {
    this.parts = parts;
    this.manifest = parts.manifest;
    this.itemCount = parts.manifest.itemCount;
    this.dims = parts.manifest.dims;
    this.itemVectors = dequantizeAll(parts.embeddings);
    this.index = new Map(parts.manifest.itemIds.map((id, i) => [id, i]));
    this.engine = jsScoreEngine(this.itemVectors, this.itemCount, this.dims);
    this.covis = new Float32Array(this.itemCount);
    this.touched = new TouchedRows(this.itemCount);
    const usesContent =
      parts.contentNeighbours !== undefined && (parts.manifest.blend.content ?? 0) !== 0;
    this.content = usesContent ? new Float32Array(this.itemCount) : null;
    const usesSequence =
      parts.sequenceNeighbours !== undefined && (parts.manifest.blend.sequence ?? 0) !== 0;
    this.sequence = usesSequence ? new Float32Array(this.itemCount) : null;
  }

  /** Which engine computes the dot products ('js' or a tfjs backend name). */
  get backend(): string {
    return this.engine.name;
  }

  /** Swaps the dot-product engine (e.g. `tfScoreEngine(model.itemVectors, …)`); disposes the old one. */
  useEngine(engine: ScoreEngine): void {
    this.engine.dispose();
    this.engine = engine;
  }

  /** Row of a shop item id, or undefined when the model does not know it. */
  indexOf(id: string): number | undefined {
    return this.index.get(id);
  }

  /** The shopper's vector: the encoder's output, or for a content model a recency-weighted mean. */
  userVector(history: readonly HistoryEntry[]): Float32Array | null {
    const known = history.filter((e) => e.item >= 0 && e.item < this.itemCount);
    if (known.length === 0) return null;
    const d = this.dims;
    const table = this.itemVectors;
    const enc = this.manifest.encoder;
    if (this.parts.encoder !== null && enc !== null) {
      return encodeHistory(known, this.parts.encoder, d, enc.maxLen, (row, out) =>
        out.set(table.subarray((row - 1) * d, row * d)),
      );
    }
    const u = new Float32Array(d);
    let w = 1;
    for (let k = known.length - 1; k >= 0 && w > 1e-3; k--, w *= this.manifest.blend.recency) {
      const base = known[k]!.item * d;
      for (let j = 0; j < d; j++) u[j]! += w * table[base + j]!;
    }
    return u;
  }

  /** Each signal of the blend for a history, scaled to [0, 1]. */
  async components(history: readonly HistoryEntry[]): Promise<Components> {
    const { known, dots } = await this.dots(history);
    const blend = this.manifest.blend;
    return {
      model: dots === null ? null : softScale(dots.slice(), blend.temperature),
      covis: covisScores(this.parts.neighbours, known, blend.recency),
      popularity: this.parts.popularity,
      content:
        this.content === null
          ? null
          : covisScores(this.parts.contentNeighbours!, known, blend.recency),
      sequence:
        this.sequence === null
          ? null
          : covisScores(this.parts.sequenceNeighbours!, known, blend.sequenceRecency ?? 1),
    };
  }

  /**
   * The blended score of every item (higher is better); history items are not removed here. With
   * a personal head (`personal/head.ts`), `temperature · offset · item` is added to each.
   */
  async scoreHistory(history: readonly HistoryEntry[], head?: PersonalHead): Promise<Float32Array> {
    const blend = this.manifest.blend;
    const { known, dots: soft } = await this.dots(history, blend.temperature);
    // The sum buffers are reused: filled and blended with no await in between.
    const touched = this.touched.clear();
    const covis = covisSums(
      this.parts.neighbours,
      known,
      blend.recency,
      this.covis.fill(0),
      touched,
    );
    const content = sumsInto(
      this.content,
      this.parts.contentNeighbours,
      known,
      blend.recency,
      touched,
    );
    const sequence = sumsInto(
      this.sequence,
      this.parts.sequenceNeighbours,
      known,
      blend.sequenceRecency ?? 1,
      touched,
    );
    const out = blendScores(
      soft,
      covis,
      this.parts.popularity,
      blend,
      content,
      sequence,
      undefined,
      touched,
    );
    if (head !== undefined) {
      const dots = await this.engine.dot(head.offset);
      for (let i = 0; i < out.length; i++) out[i]! += head.temperature * dots[i]!;
    }
    return out;
  }

  /**
   * The known history items and the user vector's dot product with every item (null: none), or
   * with `temperature` their `softScale` (`softDots`: by the engine where it can).
   */
  private async dots(history: readonly HistoryEntry[], temperature?: number) {
    const known = history.filter((e) => e.item >= 0 && e.item < this.itemCount);
    const u = this.manifest.blend.model === 0 ? null : this.userVector(known);
    if (u === null) return { known, dots: null };
    const dots = await (temperature === undefined
      ? this.engine.dot(u)
      : softDots(this.engine, u, temperature));
    return { known, dots };
  }

  /** Items whose vectors are closest (cosine) to the item's, best first, excluding itself. */
  similar(item: number, k = 20): [number, number][] {
    const d = this.dims;
    const t = this.itemVectors;
    const norm = (r: number) => {
      let s = 0;
      for (let j = 0; j < d; j++) s += t[r * d + j]! ** 2;
      return Math.sqrt(s) || 1;
    };
    const ni = norm(item);
    const scored: [number, number][] = [];
    for (let r = 0; r < this.itemCount; r++) {
      if (r === item) continue;
      let s = 0;
      for (let j = 0; j < d; j++) s += t[item * d + j]! * t[r * d + j]!;
      scored.push([r, s / (ni * norm(r))]);
    }
    return scored.sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, k);
  }

  /** The co-visitation table itself, for reading rows without copying them. */
  get neighbourTable(): NeighbourTable {
    return this.parts.neighbours;
  }

  /** Items most often bought/viewed right after this one (co-visitation), best first. */
  boughtTogether(item: number, k = 20): [number, number][] {
    return neighboursOf(this.parts.neighbours, item).slice(0, k);
  }

  /** Trending: time-decayed popularity (scaled to a maximum of 1), one value per item. */
  popularity(): Float32Array {
    return this.parts.popularity;
  }

  /** Nearest segment centroid of the shopper's vector, or null without history or centroids. */
  segmentOf(history: readonly HistoryEntry[]): { index: number; distance: number } | null {
    const u = this.userVector(history);
    if (u === null || this.parts.centroids.length === 0) return null;
    let best = { index: -1, distance: Infinity };
    this.parts.centroids.forEach((c, index) => {
      let s = 0;
      for (let j = 0; j < c.length; j++) s += (c[j]! - u[j]!) ** 2;
      if (s < best.distance) best = { index, distance: Math.sqrt(s) };
    });
    return best;
  }

  /** Purchase-intent weights fitted by `insitu build`, or undefined (the profile keeps its defaults). */
  get intentModel(): IntentModel | undefined {
    const intent = this.parts.profile?.intent;
    return intent?.fitted === true ? parseIntentModel(intent) : undefined;
  }

  /** Profile segment centroids from the artifact, or undefined. */
  get profileCentroids(): SegmentCentroids | undefined {
    return this.parts.profile?.centroids ?? undefined;
  }

  /** Releases the engine's tensors. */
  dispose(): void {
    this.engine.dispose();
  }
}
