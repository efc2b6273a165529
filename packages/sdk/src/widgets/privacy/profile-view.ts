import type { Explained, LearnedSummary, Profile } from '@insitu/core';
import { ACTIVITY_DAYS, activity, bar, gauge } from './privacy-charts.ts';
import type { PrivacyTexts } from './privacy-texts.ts';
import { h } from './dom.ts';

type Scored = { id: string; score: number };
/** "12 events on 3 days in the last 30 days": also the chart's accessible name. */
function activityCaption(days: { day: string; events: number }[], now: number, t: PrivacyTexts) {
  const since = new Date(now - (ACTIVITY_DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
  const recent = days.filter((d) => d.day >= since && d.events > 0);
  return t.activityLabel(
    recent.reduce((s, d) => s + d.events, 0),
    recent.length,
    ACTIVITY_DAYS,
  );
}
const pct = (x: number) => `${Math.round(100 * x)}%`;

/** The top five of one affinity list, each with its bar and the reason the worker gave. */
function group(title: string, list: Scored[], why: Record<string, Explained>): HTMLElement | null {
  const top = list.slice(0, 5);
  if (top.length === 0) return null;
  const total = list.reduce((s, a) => s + a.score, 0) || 1;
  const max = Math.max(...top.map((a) => a.score), 1e-9);
  return h(
    'div',
    { class: 'group' },
    h('h4', {}, title),
    h(
      'ul',
      {},
      top.map((a) =>
        h(
          'li',
          {},
          h(
            'div',
            { class: 'row' },
            h('span', { class: 'bar-label', title: a.id }, a.id),
            bar(a.score / max),
            h('span', { class: 'pct' }, pct(a.score / total)),
          ),
          why[a.id]?.text ? h('p', { class: 'why' }, why[a.id]!.text) : null,
        ),
      ),
    ),
  );
}

/**
 * The profile part of the privacy centre: summary and segments, intent and churn gauges with
 * their reasons, interest bars with theirs, and activity per day.
 */
export function profileView(p: Profile, t: PrivacyTexts): HTMLElement[] {
  const segments = p.segments.map((s) =>
    h('span', { class: 'chip' }, t.segments[s.id] ?? s.id.replace(/-/g, ' ')),
  );
  const stage = t.stages[p.intent.stage] ?? p.intent.stage;
  const explanations = p.explanations;
  const groups = (['categories', 'brands', 'tags'] as const).map((k) =>
    group(t.groups[k], p.affinities[k], explanations[k]),
  );
  const activityDays = p.activity ?? [];
  const caption = activityCaption(activityDays, p.updatedAt, t);
  return [
    h(
      'div',
      { id: 'profile-summary-block' },
      h('h3', {}, t.summary),
      h('p', { id: 'profile-summary' }, p.summary),
      segments.length ? h('div', { class: 'chips' }, segments) : null,
    ),
    h(
      'div',
      {},
      h('h3', {}, t.scores),
      h(
        'div',
        { class: 'gauges' },
        h(
          'figure',
          { class: 'intent' },
          gauge(p.intent.purchase, t.intent),
          h('figcaption', {}, t.intent, h('p', { class: 'why' }, t.intentWhy(stage, p.session))),
        ),
        h(
          'figure',
          { class: 'churn' },
          gauge(p.churn.risk, t.churn),
          h('figcaption', {}, t.churn, h('p', { class: 'why' }, t.churnWhy(p.churn))),
        ),
      ),
    ),
    groups.some(Boolean)
      ? h(
          'div',
          { id: 'interests' },
          h('h3', {}, t.interests),
          h('div', { class: 'groups' }, groups),
        )
      : null,
    activityDays.length
      ? h(
          'div',
          {},
          h('h3', {}, t.activity),
          activity(activityDays, p.updatedAt, caption),
          h('p', { class: 'why' }, caption),
        )
      : null,
  ].filter((x): x is HTMLDivElement => x !== null);
}

/**
 * What insitu learned, in the worker's sentences, then the skipped items with their showings; a
 * line saying nothing was learned yet when there is nothing to say (or the worker sends none).
 */
export function learnedView(learned: LearnedSummary | undefined, t: PrivacyTexts): HTMLElement[] {
  const sentences = learned?.sentences ?? [];
  if (sentences.length === 0) return [h('p', { class: 'muted' }, t.learnedNothing)];
  const skipped = learned?.skipped ?? [];
  const list = h(
    'ul',
    { class: 'skipped', 'aria-label': t.skippedItems },
    skipped.map((s) =>
      h(
        'li',
        {},
        h('span', {}, s.name ?? s.id),
        h('span', { class: 'pct' }, t.shownTimes(s.times)),
      ),
    ),
  );
  return [...sentences.map((s) => h('p', {}, s)), ...(skipped.length ? [list] : [])];
}
