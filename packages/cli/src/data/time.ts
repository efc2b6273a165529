/**
 * Parses a timestamp: a number (epoch seconds, milliseconds or any monotone position — only the
 * order matters) or an ISO 8601 date. Returns NaN when it is neither.
 */
export function parseTimestamp(text: string): number {
  const t = text.trim();
  if (t === '') return NaN;
  const n = Number(t);
  if (Number.isFinite(n)) return n;
  return Date.parse(t);
}

/** A JSON `timestamp` (or `--now`) value: a number as it is, a string by {@link parseTimestamp}. */
export function timeOf(v: unknown): number {
  if (typeof v === 'number') return v;
  return typeof v === 'string' ? parseTimestamp(v) : NaN;
}
