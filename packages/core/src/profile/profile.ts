import { own, putOwn } from '../own.ts';
import type { CatalogIndex } from './catalog-index.ts';
import { driversOf, rankAffinities, type AffinityScore, type Driver } from './affinities.ts';
import { churnOf, type Churn } from './churn.ts';
import { nearestCentroid, segmentFeatures, type SegmentCentroids } from './clusters.ts';
import { DAY_MS, decayedAt } from './decay.ts';
import {
  DEFAULT_INTENT_MODEL,
  funnelStage,
  intentFeatures,
  purchaseIntent,
  sessionFeatures,
  type FunnelStage,
  type IntentModel,
  type SessionFeatures,
} from './intent.ts';
import { ruleSegments, type SegmentMatch } from './segments.ts';
import { priceBandOf, rfmOf, type PriceBand, type Rfm } from './spend.ts';
import type { ProfileState } from './state.ts';
import { describeDriver, summarize, type ProfileLanguage } from './summary.ts';

/** Options of `buildProfile`; every field is optional. */
export interface ProfileOptions {
  /** Language of `summary` and explanation texts. Default `en`. */
  lang?: ProfileLanguage;
  /** Purchase-intent weights, e.g. fitted by `insitu build`. Default `DEFAULT_INTENT_MODEL`. */
  intentModel?: IntentModel;
  /** Segment centroids from the model artifact; adds the nearest one as a `cluster` segment. */
  centroids?: SegmentCentroids;
  /** Interests listed per kind. Default 20. */
  limit?: number;
}

/** An interest's drivers, with a sentence in the profile's language. */
export interface Explained extends Driver {
  text: string;
}

/** Which events drove each listed affinity, and the facts behind each segment. */
export interface Explanations {
  categories: Record<string, Explained>;
  brands: Record<string, Explained>;
  tags: Record<string, Explained>;
  segments: Record<string, Record<string, number>>;
}

/** What `insitu.profile()` returns. Computed on the device; never sent anywhere. */
export interface Profile {
  affinities: { categories: AffinityScore[]; brands: AffinityScore[]; tags: AffinityScore[] };
  /**
   * Interest in the shop's promotions (Promotion Viewed 0.25, Clicked 1, decayed, capped at 1),
   * strongest first: audiences read them as `promotion:<id>`.
   */
  promotions: { id: string; score: number }[];
  priceBand: PriceBand;
  rfm: Rfm;
  session: SessionFeatures;
  intent: { purchase: number; stage: FunnelStage };
  churn: Churn;
  segments: SegmentMatch[];
  sentiment: { score: number; reviews: number };
  summary: string;
  explanations: Explanations;
  /** Events per day (UTC), oldest first, for the activity chart. */
  activity: { day: string; events: number }[];
  /** The time the profile describes (decay is applied up to it), ms since the epoch. */
  updatedAt: number;
}

const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;

function promotionsOf(state: ProfileState, now: number): Profile['promotions'] {
  return Object.keys(state.promotions)
    .map((id) => ({
      id,
      score: round(
        Math.min(1, Math.max(0, decayedAt(own(state.promotions, id)!, now, state.halfLifeDays))),
      ),
    }))
    .filter((p) => p.score > 0)
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
}

/**
 * Reads the profile out of a folded state at time `now`. Pure and O(size of the state), which is
 * bounded (interests are capped), whatever the number of events folded.
 */
export function buildProfile(
  state: ProfileState,
  index: CatalogIndex,
  now: number,
  options: ProfileOptions = {},
): Profile {
  const lang = options.lang ?? 'en';
  const half = state.halfLifeDays;
  const limit = options.limit;
  const titleOf = (id: string) => index.items.get(id)?.title ?? id;
  const explain = (map: ProfileState['categories'], ranked: AffinityScore[]) => {
    const out: Record<string, Explained> = {};
    for (const [id, d] of Object.entries(driversOf(map, ranked))) {
      putOwn(out, id, { ...d, text: describeDriver(d, lang, titleOf) });
    }
    return out;
  };
  const round4 = (list: AffinityScore[]) => list.map((a) => ({ id: a.id, score: round(a.score) }));
  const categories = round4(rankAffinities(state.categories, now, half, limit));
  const brands = round4(rankAffinities(state.brands, now, half, limit));
  const tags = round4(rankAffinities(state.tags, now, half, limit));
  const priceBand = priceBandOf(state, index);
  const rfm = rfmOf(state, index, now);
  const features = intentFeatures(state, index, now);
  const purchase = purchaseIntent(features, options.intentModel ?? DEFAULT_INTENT_MODEL);
  const stage = funnelStage(purchase, features);
  const churn = churnOf(state, now);
  const r = state.reviews;
  const sentiment = { score: r.count > 0 ? round(r.sum / r.count) : 0, reviews: r.count };
  const segments = ruleSegments({ state, priceBand, rfm, churn, medianPrice: index.medianPrice });
  if (options.centroids !== undefined) {
    const x = segmentFeatures({
      visits: state.visits.count,
      orders: state.orders.count,
      monetary: state.orders.revenue / (index.medianPrice || 1),
      relativePrice: priceBand.relative ?? 0.5,
      intent: purchase,
      churn: churn.risk,
      views: state.counts.view ?? 0,
      adds: state.counts.add ?? 0,
      sentiment: sentiment.score,
    });
    segments.push(nearestCentroid(x, options.centroids));
  }
  segments.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
  const activity = Object.entries(state.activity)
    .map(([d, events]) => ({
      day: new Date(Number(d) * DAY_MS).toISOString().slice(0, 10),
      events,
    }))
    .sort((a, b) => (a.day < b.day ? -1 : 1));
  return {
    affinities: { categories, brands, tags },
    priceBand,
    rfm,
    session: sessionFeatures(state, now, index),
    promotions: promotionsOf(state, now),
    intent: { purchase: round(purchase), stage },
    churn: { ...churn, risk: round(churn.risk) },
    segments,
    sentiment,
    summary: summarize(
      {
        categories,
        priceBand,
        stage,
        churn,
        sentiment,
        events: state.events,
        parents: index.parents,
      },
      lang,
    ),
    explanations: {
      categories: explain(state.categories, categories),
      brands: explain(state.brands, brands),
      tags: explain(state.tags, tags),
      segments: Object.fromEntries(segments.map((s) => [s.id, s.because])),
    },
    activity,
    updatedAt: now,
  };
}
