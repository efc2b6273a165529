// Small SVG charts. Sizes go in as SVG attributes, never style attributes: a strict CSP
// (`style-src 'self'`) blocks those, while colours come from the adopted stylesheet.
const NS = 'http://www.w3.org/2000/svg';

/** An SVG element with attributes. */
export function svg(tag: string, attrs: Record<string, string | number>): SVGElement {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

/** A horizontal bar, `share` 0…1 of its track; the text next to it carries the number. */
export function bar(share: number): SVGElement {
  const root = svg('svg', {
    viewBox: '0 0 100 8',
    preserveAspectRatio: 'none',
    'aria-hidden': 'true',
    class: 'bar-svg',
  });
  root.append(
    svg('rect', { class: 'track', width: 100, height: 8, rx: 4 }),
    svg('rect', { class: 'fill', width: Math.max(2, Math.round(100 * share)), height: 8, rx: 4 }),
  );
  return root;
}

/** A half-circle gauge for a 0…1 score, with the percentage in the middle. */
export function gauge(value: number, label: string): SVGElement {
  const pct = Math.round(100 * Math.min(1, Math.max(0, value)));
  const root = svg('svg', {
    viewBox: '0 0 100 58',
    role: 'img',
    'aria-label': `${label}: ${pct}%`,
    class: 'gauge',
  });
  const arc = 'M10 50 A40 40 0 0 1 90 50';
  root.append(
    svg('path', { d: arc, class: 'track', pathLength: 100 }),
    svg('path', { d: arc, class: 'fill', pathLength: 100, 'stroke-dasharray': `${pct} 100` }),
  );
  const text = svg('text', { x: 50, y: 48, 'text-anchor': 'middle', class: 'gauge-text' });
  text.textContent = `${pct}%`;
  root.append(text);
  return root;
}

const DAY = 86_400_000;
/** The window the chart shows, ending on the day the profile describes. */
export const ACTIVITY_DAYS = 30;

/**
 * Events per day over the last 30 days up to `now`, as columns; days with no events stay empty,
 * so the gaps between visits show.
 */
export function activity(
  days: { day: string; events: number }[],
  now: number,
  label: string,
): SVGElement {
  const byDay = new Map(days.map((d) => [d.day, d.events]));
  const n = ACTIVITY_DAYS;
  const counts = Array.from(
    { length: n },
    (_, i) => byDay.get(new Date(now - (n - 1 - i) * DAY).toISOString().slice(0, 10)) ?? 0,
  );
  const max = Math.max(1, ...counts);
  const w = 240 / n;
  const root = svg('svg', {
    viewBox: '0 0 240 48',
    preserveAspectRatio: 'none',
    role: 'img',
    'aria-label': label,
    class: 'activity',
  });
  root.append(svg('line', { x1: 0, x2: 240, y1: 47.5, y2: 47.5, class: 'axis' }));
  counts.forEach((c, i) => {
    const h = c === 0 ? 0 : Math.max(2, (44 * c) / max);
    root.append(
      svg('rect', { x: i * w + w * 0.2, y: 47 - h, width: w * 0.6, height: h, class: 'fill' }),
    );
  });
  return root;
}
