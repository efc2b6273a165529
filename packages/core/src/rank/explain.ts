import type { CatalogItem } from '../catalog.ts';
import type { Explanation } from '../recommend-types.ts';
import type { HistoryEntry } from '../scoring.ts';
import { explanationText } from './explain-text.ts';
import type { ItemSimilarity } from './similarity.ts';
import type { RankInput, ScoreSource } from './types.ts';

/** How many of the latest history items may be named as the reason. */
const RECENT = 20;

/** What `explain` needs besides the item. */
export interface ExplainContext {
  input: RankInput;
  history: readonly HistoryEntry[];
  /** Similarity used to find which history item an item resembles when a source does not say. */
  similarity: ItemSimilarity;
}

/**
 * The history item that best accounts for `item`: the source's own attribution if it has one,
 * else the most similar of the recent history items (vectors or shared categories).
 */
function sourceOf(
  ctx: ExplainContext,
  source: ScoreSource | undefined,
  item: number,
): HistoryEntry | undefined {
  const because =
    typeof source?.because === 'function' ? source.because(item) : source?.because?.[item];
  const recent = ctx.history.slice(-RECENT);
  if (because !== undefined && because >= 0) {
    return (
      [...recent].reverse().find((e) => e.item === because) ?? {
        item: because,
        ts: 0,
        kind: 'view',
      }
    );
  }
  let best: HistoryEntry | undefined;
  let bestSim = 0;
  for (let k = recent.length - 1; k >= 0; k--) {
    const e = recent[k]!;
    const sim = ctx.similarity(e.item, item);
    if (sim > bestSim) {
      bestSim = sim;
      best = e;
    }
  }
  return best;
}

function popular(ctx: ExplainContext, item: CatalogItem, trending: boolean): Explanation {
  const locale = ctx.input.locale ?? 'en';
  const wanted = ctx.input.request.context?.category;
  const category =
    wanted !== undefined && item.categories.some((c) => c.toLowerCase() === wanted.toLowerCase())
      ? wanted
      : item.categories[item.categories.length - 1];
  const kind = trending ? 'trending' : 'popular';
  if (category === undefined)
    return { kind, text: explanationText(locale, trending ? 'trending' : 'popular') };
  return {
    kind,
    text: explanationText(locale, trending ? 'trendingIn' : 'popularIn', { c: category }),
    category,
  };
}

/**
 * Explains one recommended item from the source that contributed most to its score: "because you
 * viewed X" (model, co-visitation), "bought together with X", "similar to X" (anchor), "popular in
 * Y", "trending", "recently viewed". Never names an item the shopper did not interact with,
 * except the page's own anchor.
 */
export function explain(ctx: ExplainContext, item: number, topSource: number): Explanation {
  const { input } = ctx;
  const locale = input.locale ?? 'en';
  const catalogItem = input.catalog[item]!;
  const source = topSource >= 0 ? input.sources[topSource] : undefined;
  const anchor = input.anchor === undefined ? undefined : input.catalog[input.anchor];
  const kind = source?.kind;
  if (kind === 'recency' || (kind === undefined && input.request.strategy === 'recently-viewed')) {
    return { kind: 'recently-viewed', text: explanationText(locale, 'recent') };
  }
  if (kind === 'model' || kind === 'covisit' || kind === 'bought-together') {
    if (anchor !== undefined) {
      const together = kind === 'bought-together' || input.request.strategy === 'bought-together';
      return {
        kind: together ? 'bought-together' : 'similar',
        text: explanationText(locale, together ? 'together' : 'similar', { x: anchor.title }),
        sourceItemId: anchor.id,
      };
    }
    const from = sourceOf(ctx, source, item);
    const fromItem = from === undefined ? undefined : input.catalog[from.item];
    if (from !== undefined && fromItem !== undefined) {
      if (kind === 'bought-together') {
        return {
          kind: 'bought-together',
          text: explanationText(locale, 'together', { x: fromItem.title }),
          sourceItemId: fromItem.id,
        };
      }
      const bought = from.kind === 'purchase';
      return {
        kind: 'because-viewed',
        text: explanationText(locale, bought ? 'bought' : 'viewed', { x: fromItem.title }),
        sourceItemId: fromItem.id,
      };
    }
  }
  return popular(ctx, catalogItem, kind === 'trending');
}
