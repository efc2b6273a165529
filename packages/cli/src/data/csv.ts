import { badRow, readLines } from './lines.ts';

/** One parsed CSV record and the line it starts on. */
export interface CsvRecord {
  fields: string[];
  line: number;
}

/**
 * Splits one CSV record (RFC 4180: fields may be quoted, `""` is a literal quote, quoted fields
 * may hold commas). Returns undefined when a quoted field is still open at the end of the text,
 * so the caller can append the next physical line.
 */
export function splitCsv(text: string): string[] | undefined {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else field += c;
  }
  if (quoted) return undefined;
  fields.push(field);
  return fields;
}

/**
 * Streams the records of a CSV file, the header included (as the first record). Blank lines are
 * skipped; a quoted field left open at the end of the file is an error naming its line.
 */
export async function* readCsv(path: string): AsyncGenerator<CsvRecord> {
  let pending = '';
  let start = 0;
  for await (const { text, line } of readLines(path)) {
    if (pending === '' && text.trim() === '') continue;
    if (pending === '') start = line;
    const joined = pending === '' ? text : `${pending}\n${text}`;
    const fields = splitCsv(joined);
    if (fields === undefined) {
      pending = joined;
      continue;
    }
    pending = '';
    yield { fields, line: start };
  }
  if (pending !== '') throw badRow(path, start, 'a quoted field is never closed.');
}

/**
 * Maps required and optional column names to their positions in a header record; throws a
 * row error naming the missing column.
 */
export function headerIndex<R extends string, O extends string>(
  path: string,
  header: CsvRecord | undefined,
  required: readonly R[],
  optional: readonly O[] = [],
): Record<R, number> & Partial<Record<O, number>> {
  if (header === undefined) throw badRow(path, 1, 'the file is empty; a header row is needed.');
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const index: Record<string, number> = {};
  for (const name of [...required, ...optional]) {
    const at = names.indexOf(name);
    if (at >= 0) index[name] = at;
    else if ((required as readonly string[]).includes(name)) {
      throw badRow(
        path,
        header.line,
        `missing column "${name}"; the header must name ${required.join(',')}.`,
      );
    }
  }
  return index as Record<R, number> & Partial<Record<O, number>>;
}
