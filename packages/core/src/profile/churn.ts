import { DAY_MS } from './decay.ts';
import type { ProfileState } from './state.ts';

/** Churn risk and what it was judged from. */
export interface Churn {
  /** 0 (will be back as usual) … 1 (probably gone). */
  risk: number;
  daysSinceLastVisit: number | null;
  /** The typical gap between this shopper's visits, blended with the prior for few visits. */
  usualGapDays: number;
  /** `rhythm` once the shopper has at least two gaps of their own; `prior` before. */
  basis: 'rhythm' | 'prior';
}

/** Gap between visits assumed for a shopper with no rhythm yet (a typical shop's return gap). */
export const PRIOR_GAP_DAYS = 14;
/** How many gaps the prior is worth. */
const PRIOR_WEIGHT = 2;

/**
 * Churn from the shopper's own rhythm: days since the last visit against their usual gap (geometric
 * mean, as gaps are skewed). Risk is ½ at three usual gaps for a regular visitor (times e^(σ/2),
 * σ the spread of the log-gaps, for an irregular one) and rises steeply after. With no history the rhythm is the prior's, and a floor keeps a first-time
 * visitor's risk from reading as "certainly back": one visit tells little.
 */
export function churnOf(state: ProfileState, now: number): Churn {
  const v = state.visits;
  const priorLog = Math.log(PRIOR_GAP_DAYS);
  const meanLog = v.gaps > 0 ? v.sumLog / v.gaps : priorLog;
  const variance = v.gaps > 1 ? Math.max(0, v.sumLog2 / v.gaps - meanLog * meanLog) : 0;
  const logGap = (v.gaps * meanLog + PRIOR_WEIGHT * priorLog) / (v.gaps + PRIOR_WEIGHT);
  const usualGapDays = Math.exp(logGap);
  const basis = v.gaps >= 2 ? 'rhythm' : 'prior';
  if (state.lastTs === null) return { risk: 0.5, daysSinceLastVisit: null, usualGapDays, basis };
  const days = Math.max(0, now - state.lastTs) / DAY_MS;
  // Irregular visitors (large spread of log-gaps) get proportionally more slack before alarm.
  const threshold = Math.log(3) + 0.5 * Math.sqrt(variance);
  const z = 2.2 * (Math.log(Math.max(days, 1e-3) / usualGapDays) - threshold);
  const rhythm = 1 / (1 + Math.exp(-z));
  const floor = 0.5 / (1 + v.gaps);
  return { risk: Math.max(rhythm, floor), daysSinceLastVisit: days, usualGapDays, basis };
}
