// Review text is scored with the lexicons (registered on import).
import '@insitu/core/sentiment';
import { parseArgs } from 'node:util';
import {
  buildCatalogIndex,
  buildProfile,
  createProfileState,
  foldEvent,
  InsituError,
  matchAudiences,
  validateAudiences,
  validateEvent,
  type StoredEvent,
} from '@insitu/core';
import { readCatalogFile, readJsonFile, readTextFile, timeOf } from '../data/index.ts';
import type { Command } from '../main.ts';

const HELP = `usage: insitu profile --catalog catalog.json --events events.jsonl [options]

Prints the on-device profile (JSON) for one shopper's tracked events, computed with the same
code as the SDK's worker. Each line of events.jsonl is { "event", "properties", "timestamp" }
(timestamp in ms since the epoch or an ISO date).

  --now TIME          profile as of this time (default: the last event's)
  --lang en|zh        language of the summary and explanations (default en)
  --half-life DAYS    half-life of interests (default 30)
  --audiences FILE    audience definitions (JSON array); adds "audiences" to the output`;

/** Parses and validates the JSONL stream; a bad line is an error naming file and line. */
export function readTrackedEvents(path: string): StoredEvent[] {
  const text = readTextFile(path);
  const events: StoredEvent[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    const where = `${path}:${i + 1}`;
    let raw: Record<string, unknown>;
    try {
      raw = JSON.parse(line) as Record<string, unknown>;
    } catch {
      throw new InsituError('invalid_input', `${where}: not a JSON object.`, { field: where });
    }
    const ts = timeOf(raw['timestamp']);
    const r = validateEvent({
      id: `line-${i + 1}`,
      name: raw['event'],
      props: raw['properties'],
      ts,
    });
    if (!r.ok) {
      throw new InsituError('invalid_input', `${where}: ${r.error.message}`, {
        field: `${where} ${r.error.field ?? ''}`.trim(),
      });
    }
    events.push(r.value);
  });
  // The worker folds in arrival order, which is time order; a shuffled file must not change that.
  return events.sort((a, b) => a.ts - b.ts);
}

/** `insitu profile`: folds a JSONL event stream and prints the profile JSON. */
export const profile: Command = async (args) => {
  const { values } = parseArgs({
    args,
    options: {
      catalog: { type: 'string' },
      events: { type: 'string' },
      now: { type: 'string' },
      lang: { type: 'string' },
      'half-life': { type: 'string' },
      audiences: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help === true) {
    console.log(HELP);
    return 0;
  }
  if (values.catalog === undefined || values.events === undefined) {
    console.error(HELP);
    return 2;
  }
  const lang = values.lang ?? 'en';
  if (lang !== 'en' && lang !== 'zh') {
    throw new InsituError('invalid_input', '--lang must be en or zh.', { field: '--lang' });
  }
  const halfLife = values['half-life'] === undefined ? undefined : Number(values['half-life']);
  if (halfLife !== undefined && !(halfLife > 0)) {
    throw new InsituError('invalid_input', '--half-life must be a positive number of days.', {
      field: '--half-life',
    });
  }
  const index = buildCatalogIndex(readCatalogFile(values.catalog));
  const events = readTrackedEvents(values.events);
  const state = createProfileState(halfLife);
  for (const e of events) foldEvent(state, e, index);
  const now = values.now === undefined ? (state.lastTs ?? Date.now()) : timeOf(values.now);
  if (Number.isNaN(now)) {
    throw new InsituError('invalid_input', '--now must be ms since the epoch or a date.', {
      field: '--now',
    });
  }
  const result = buildProfile(state, index, now, { lang });
  const audiences =
    values.audiences === undefined ? undefined : validateAudiences(readJsonFile(values.audiences));
  const out =
    audiences === undefined ? result : { ...result, audiences: matchAudiences(result, audiences) };
  process.stdout.write(JSON.stringify(out, null, 2) + '\n');
  return 0;
};
