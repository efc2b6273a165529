import {
  buildCatalogIndex,
  DEFAULT_INTENT_MODEL,
  INTENT_FEATURES,
  seededRandom,
  type Catalog,
  type Dataset,
  type IntentModel,
} from '@insitu/core';
import type { IntentArtifact, ProfileParts } from '../artifact/profile-files.ts';
import { fitIntentModel, intentAuc, intentExamples, type IntentExample } from './intent-fit.ts';
import { replayEvents } from './profile-replay.ts';
import { fitSegmentCentroids, userSegmentFeatures } from './segment-centroids.ts';

/** Caps that keep the profile fit to seconds on big logs (samples are seeded). */
const MAX_EXAMPLES = 200_000;
const MAX_SEGMENT_USERS = 4000;
/** Share of users whose sessions judge the fitted intent model against the defaults. */
const HELD_OUT = 0.2;

const intentJson = (
  model: IntentModel,
  rest: Omit<IntentArtifact, 'features' | 'bias' | 'weights'>,
): IntentArtifact => ({
  features: [...INTENT_FEATURES],
  bias: model.bias,
  weights: { ...model.weights },
  ...rest,
});

function sample<T>(items: T[], max: number, random: () => number): T[] {
  if (items.length <= max) return items;
  return items.filter(() => random() < max / items.length);
}

/**
 * What the artifact carries for the profile, fitted by replaying each user's logs through the
 * profile's own fold: purchase-intent weights (logistic regression on session prefixes, judged on
 * held-out users against the defaults, then refitted on everyone) and named segment centroids in
 * the `SEGMENT_FEATURES` space at the time of the last log row.
 */
export function fitProfile(dataset: Dataset, catalog: Catalog, seed: number): ProfileParts {
  const random = seededRandom(seed ^ 0x5eed);
  const index = buildCatalogIndex(catalog);
  const users = replayEvents(dataset, catalog);
  const train: IntentExample[] = [];
  const test: IntentExample[] = [];
  for (const events of users)
    (random() < HELD_OUT ? test : train).push(...intentExamples(events, index));
  const all = sample([...train, ...test], MAX_EXAMPLES, random);
  const positives = all.filter((e) => e.bought).length;
  let intent: IntentArtifact;
  if (positives === 0 || positives === all.length) {
    const reason =
      positives === 0
        ? 'the logs have no purchase within a session after another event; defaults kept'
        : 'every session in the logs buys; nothing to contrast, defaults kept';
    intent = intentJson(DEFAULT_INTENT_MODEL, {
      fitted: false,
      reason,
      examples: all.length,
      positives,
      auc: null,
    });
  } else {
    const heldOut = sample(test, MAX_EXAMPLES / 4, random);
    const judged = fitIntentModel(sample(train, MAX_EXAMPLES, random));
    const fitted = intentAuc(judged, heldOut);
    const baseline = intentAuc(DEFAULT_INTENT_MODEL, heldOut);
    const r4 = (x: number) => Math.round(x * 1e4) / 1e4;
    intent = intentJson(fitIntentModel(all), {
      fitted: true,
      examples: all.length,
      positives,
      auc:
        fitted === null || baseline === null
          ? null
          : { fitted: r4(fitted), default: r4(baseline), examples: heldOut.length },
    });
  }
  let now = -Infinity;
  for (const events of users) now = Math.max(now, events[events.length - 1]!.ts);
  const model: IntentModel = {
    bias: intent.bias,
    weights: intent.weights as IntentModel['weights'],
  };
  const vectors = sample(users, MAX_SEGMENT_USERS, random).map((events) =>
    userSegmentFeatures(events, index, now, model),
  );
  return { centroids: fitSegmentCentroids(vectors, random), intent };
}
