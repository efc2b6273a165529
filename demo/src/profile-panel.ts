import type { Explained, Profile, StoredEvent } from '@insitu/core';
import { h } from './dom.ts';

interface Scored {
  id: string;
  score: number;
}

/** issue 3's `profile()`, read defensively: fields the SDK does not send yet are skipped. */
type ProfileView = Partial<Omit<Profile, 'affinities' | 'explanations'>> & {
  affinities?: Partial<Profile['affinities']>;
  explanations?: Partial<Profile['explanations']>;
};

function bars(
  title: string,
  list: Scored[] | undefined,
  why: Record<string, Explained> = {},
): HTMLElement | null {
  const top = (list ?? []).slice(0, 5);
  if (top.length === 0) return null;
  const max = Math.max(...top.map((s) => s.score), 1e-9);
  return h(
    'div',
    { class: 'bars' },
    h('h4', {}, title),
    top.map((s) =>
      h(
        'div',
        { class: 'bar', title: why[s.id]?.text ?? '' },
        h('span', { class: 'bar-label' }, s.id),
        h(
          'span',
          { class: 'bar-track' },
          h('span', { class: 'bar-fill', style: `width:${Math.round((100 * s.score) / max)}%` }),
        ),
      ),
    ),
  );
}

const pct = (x: number | undefined) => (x === undefined ? '–' : `${Math.round(100 * x)}%`);

/** Affinity bars, intent, segments and the summary; a placeholder until the SDK has profile(). */
export function profileSection(raw: unknown): HTMLElement {
  if (!raw || typeof raw !== 'object') {
    return h(
      'div',
      { class: 'profile', id: 'profile-panel', 'data-state': 'empty' },
      h('h3', {}, 'Your profile'),
      h('p', { class: 'muted' }, 'The on-device profile appears here once the SDK computes one.'),
    );
  }
  const p = raw as ProfileView;
  const segments = (p.segments ?? []).map((s) => s.id);
  const top = p.affinities?.categories?.[0];
  const because = top ? p.explanations?.categories?.[top.id]?.text : undefined;
  return h(
    'div',
    { class: 'profile', id: 'profile-panel', 'data-state': 'filled' },
    h('h3', {}, 'Your profile'),
    p.summary ? h('p', { class: 'summary', id: 'profile-summary' }, p.summary) : null,
    h(
      'p',
      { class: 'chips' },
      h(
        'span',
        { class: 'chip' },
        `intent ${pct(p.intent?.purchase)}${p.intent?.stage ? ` · ${p.intent.stage}` : ''}`,
      ),
      h('span', { class: 'chip' }, `churn risk ${pct(p.churn?.risk)}`),
      p.priceBand?.band && p.priceBand.band !== 'unknown'
        ? h('span', { class: 'chip' }, `budget: ${p.priceBand.band}`)
        : null,
      p.sentiment?.reviews
        ? h(
            'span',
            { class: 'chip' },
            `reviews ${p.sentiment.score >= 0 ? '+' : ''}${p.sentiment.score.toFixed(2)}`,
          )
        : null,
      segments.filter(Boolean).map((s) => h('span', { class: 'chip seg' }, s)),
    ),
    bars('Categories', p.affinities?.categories, p.explanations?.categories),
    because ? h('p', { class: 'because' }, `${top?.id}: ${because}`) : null,
    bars('Brands', p.affinities?.brands, p.explanations?.brands),
    bars('Tags', p.affinities?.tags, p.explanations?.tags),
  );
}

/** Events over time in 12 equal buckets spanning the stored history, as a small SVG bar chart. */
export function activityChart(events: StoredEvent[]): HTMLElement {
  const n = 12;
  const counts = new Array<number>(n).fill(0);
  if (events.length === 0) return h('p', { class: 'muted' }, 'No activity stored.');
  const ts = events.map((e) => e.ts);
  const lo = Math.min(...ts);
  const span = Math.max(Math.max(...ts) - lo, 60_000);
  for (const t of ts) {
    const i = Math.min(n - 1, Math.floor(((t - lo) / span) * n));
    counts[i] = (counts[i] ?? 0) + 1;
  }
  const max = Math.max(...counts);
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', `0 0 ${n * 10} 40`);
  svg.setAttribute('class', 'activity');
  counts.forEach((c, i) => {
    const height = max ? (36 * c) / max : 0;
    const rect = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
    rect.setAttribute('x', String(i * 10 + 1));
    rect.setAttribute('y', String(40 - height));
    rect.setAttribute('width', '8');
    rect.setAttribute('height', String(height));
    rect.setAttribute('rx', '1.5');
    svg.append(rect);
  });
  const minutes = Math.round(span / 60_000);
  return h(
    'figure',
    { class: 'activity-chart' },
    svg,
    h(
      'figcaption',
      {},
      `${events.length} event${events.length === 1 ? '' : 's'} over the last ${minutes < 120 ? `${minutes} min` : `${Math.round(minutes / 60)} h`}`,
    ),
  );
}
