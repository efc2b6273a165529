import { InsituError } from '../errors.ts';
import type { FunnelStage } from './intent.ts';
import type { Profile } from './profile.ts';

/**
 * A number read from the profile: `intent`, `churn`, `sentiment`, `recencyDays`, `frequency`,
 * `monetary`, `relativePrice`, `cartValue`, or an affinity share as `category:<id>`,
 * `brand:<id>`, `tag:<id>`, or a promotion interest `promotion:<id>` (0 when the shopper has none).
 */
export type AudienceMetric = string;

/** One test of an audience. */
export type AudienceCondition =
  | { metric: AudienceMetric; gte?: number; lte?: number }
  | { segment: string }
  | { stage: FunnelStage };

/**
 * An audience a shop declares, e.g. runners ready to buy:
 * `{ id: 'running-promo', all: [{ metric: 'category:Running', gte: 0.3 }, { metric: 'intent', gte: 0.5 }] }`.
 * `all` must all hold; of `any`, at least one.
 */
export interface AudienceDefinition {
  id: string;
  all?: AudienceCondition[];
  any?: AudienceCondition[];
}

/** An audience the shopper is in. */
export interface AudienceMatch {
  id: string;
  /** 0.5 when conditions hold just barely, towards 1 the more clearly they hold. */
  score: number;
}

function metricOf(p: Profile, metric: string): number | null {
  const colon = metric.indexOf(':');
  if (colon > 0) {
    const kind = metric.slice(0, colon);
    const id = metric.slice(colon + 1);
    if (kind === 'promotion') return p.promotions.find((a) => a.id === id)?.score ?? 0;
    const list =
      kind === 'category'
        ? p.affinities.categories
        : kind === 'brand'
          ? p.affinities.brands
          : kind === 'tag'
            ? p.affinities.tags
            : undefined;
    if (list === undefined) return null;
    return list.find((a) => a.id === id)?.score ?? 0;
  }
  switch (metric) {
    case 'intent':
      return p.intent.purchase;
    case 'churn':
      return p.churn.risk;
    case 'sentiment':
      return p.sentiment.score;
    case 'recencyDays':
      return p.rfm.recencyDays;
    case 'frequency':
      return p.rfm.frequency;
    case 'monetary':
      return p.rfm.monetary;
    case 'relativePrice':
      return p.priceBand.relative;
    case 'cartValue':
      return p.session.cartValue;
    default:
      return null;
  }
}

/** 0 when the condition fails, else 0.5…1 by the margin relative to the threshold. */
function strength(p: Profile, c: AudienceCondition): number {
  if ('segment' in c) return p.segments.find((s) => s.id === c.segment)?.score ?? 0;
  if ('stage' in c) return p.intent.stage === c.stage ? 1 : 0;
  const v = metricOf(p, c.metric);
  if (v === null) return 0;
  let margin = 1;
  if (c.gte !== undefined) {
    if (v < c.gte) return 0;
    margin = Math.min(margin, (v - c.gte) / Math.max(Math.abs(c.gte), 0.1));
  }
  if (c.lte !== undefined) {
    if (v > c.lte) return 0;
    margin = Math.min(margin, (c.lte - v) / Math.max(Math.abs(c.lte), 0.1));
  }
  return 0.5 + 0.5 * Math.min(1, margin);
}

/** The audiences the shopper is in, best first. Decided on the device from the profile. */
export function matchAudiences(
  profile: Profile,
  audiences: readonly AudienceDefinition[],
): AudienceMatch[] {
  const out: AudienceMatch[] = [];
  for (const a of audiences) {
    const all = a.all ?? [];
    const any = a.any ?? [];
    if (all.length === 0 && any.length === 0) continue;
    let score = 1;
    for (const c of all) score = Math.min(score, strength(profile, c));
    if (any.length > 0) score = Math.min(score, Math.max(...any.map((c) => strength(profile, c))));
    if (score > 0) out.push({ id: a.id, score: Math.round(score * 1000) / 1000 });
  }
  return out.sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : 1));
}

const bad = (message: string, field: string) =>
  new InsituError('invalid_config', message, { field });

function checkCondition(c: unknown, field: string): AudienceCondition {
  if (typeof c !== 'object' || c === null) throw bad('A condition must be an object.', field);
  const o = c as Record<string, unknown>;
  if (typeof o['segment'] === 'string') return { segment: o['segment'] };
  if (o['stage'] === 'browsing' || o['stage'] === 'considering' || o['stage'] === 'buying') {
    return { stage: o['stage'] };
  }
  if (typeof o['metric'] !== 'string') {
    throw bad('A condition needs "metric" (with gte/lte), "segment" or "stage".', field);
  }
  const out: AudienceCondition = { metric: o['metric'] };
  for (const k of ['gte', 'lte'] as const) {
    const v = o[k];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isFinite(v))
      throw bad(`${k} must be a number.`, `${field}.${k}`);
    out[k] = v;
  }
  if (out.gte === undefined && out.lte === undefined) {
    throw bad('A metric condition needs gte or lte.', field);
  }
  return out;
}

/** Checks a shop's audience config; throws `InsituError('invalid_config')` naming the field. */
export function validateAudiences(json: unknown): AudienceDefinition[] {
  if (!Array.isArray(json)) throw bad('Audiences must be an array.', 'audiences');
  return json.map((a: unknown, i) => {
    const field = `audiences[${i}]`;
    if (typeof a !== 'object' || a === null) throw bad('An audience must be an object.', field);
    const o = a as Record<string, unknown>;
    if (typeof o['id'] !== 'string' || o['id'] === '')
      throw bad('An audience needs an id.', `${field}.id`);
    const out: AudienceDefinition = { id: o['id'] };
    for (const k of ['all', 'any'] as const) {
      const list = o[k];
      if (list === undefined) continue;
      if (!Array.isArray(list)) throw bad(`${k} must be an array.`, `${field}.${k}`);
      out[k] = list.map((c: unknown, j) => checkCondition(c, `${field}.${k}[${j}]`));
    }
    if (out.all === undefined && out.any === undefined) {
      throw bad('An audience needs "all" or "any" conditions.', field);
    }
    return out;
  });
}
