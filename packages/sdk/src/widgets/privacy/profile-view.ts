import type { Explained, Profile } from '@insitu/core';
import { activity, bar, gauge } from './privacy-charts.ts';
import type { PrivacyTexts } from './privacy-texts.ts';
import { h } from './dom.ts';

type Scored = { id: string; score: number };
const DAY = 86_400_000;

/** "12 events over 3 days": the same words the chart's accessible name has. */
function activityCaption(days: { day: string; events: number }[], t: PrivacyTexts): string {
  const span = Date.parse(days[days.length - 1]!.day) - Date.parse(days[0]!.day);
  return t.activityLabel(
    days.reduce((s, d) => s + d.events, 0),
    Math.round(span / DAY) + 1,
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
    groups.some(Boolean) ? h('div', { id: 'interests' }, h('h3', {}, t.interests), groups) : null,
    activityDays.length
      ? h(
          'div',
          {},
          h('h3', {}, t.activity),
          activity(activityDays, t.activityLabel),
          h('p', { class: 'why' }, activityCaption(activityDays, t)),
        )
      : null,
  ].filter((x): x is HTMLDivElement => x !== null);
}
