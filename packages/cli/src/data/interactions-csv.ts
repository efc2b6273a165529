import type { InteractionKind } from '@insitu/core';
import { headerIndex, readCsv } from './csv.ts';
import type { DatasetBuilder } from './dataset-builder.ts';
import { badRow } from './lines.ts';
import { parseTimestamp } from './time.ts';

const KINDS: ReadonlySet<string> = new Set<InteractionKind>(['view', 'cart', 'purchase', 'rating']);

/**
 * Streams `user,item,timestamp,event` rows (header required, columns in any order, `event`
 * optional and defaulting to view) into the builder. Returns the number of rows read. A bad row
 * throws `InsituError('invalid_input')` naming the file and line.
 */
export async function readInteractionsCsv(path: string, builder: DatasetBuilder): Promise<number> {
  let header: ReturnType<typeof headerIndex<'user' | 'item' | 'timestamp', 'event'>> | undefined;
  let rows = 0;
  for await (const record of readCsv(path)) {
    if (header === undefined) {
      header = headerIndex(path, record, ['user', 'item', 'timestamp'], ['event']);
      continue;
    }
    const f = record.fields;
    const user = f[header.user]?.trim() ?? '';
    const item = f[header.item]?.trim() ?? '';
    const tsText = f[header.timestamp] ?? '';
    if (user === '') throw badRow(path, record.line, 'empty user.');
    if (item === '') throw badRow(path, record.line, 'empty item.');
    const ts = parseTimestamp(tsText);
    if (Number.isNaN(ts)) {
      throw badRow(path, record.line, `timestamp "${tsText}" is neither a number nor a date.`);
    }
    const event = header.event === undefined ? 'view' : (f[header.event]?.trim() ?? '');
    if (!KINDS.has(event)) {
      throw badRow(path, record.line, `event "${event}" must be view, cart, purchase or rating.`);
    }
    builder.add(user, item, ts, event as InteractionKind);
    rows += 1;
  }
  if (header === undefined) headerIndex(path, undefined, ['user']);
  return rows;
}
