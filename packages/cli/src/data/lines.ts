import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { InsituError } from '@insitu/core';

/** One line of a text file with its 1-based line number. */
export interface NumberedLine {
  text: string;
  line: number;
}

/**
 * Streams a text file line by line, so logs of any size never sit in memory as one string.
 * A missing or unreadable file becomes `InsituError('invalid_input')` naming the file.
 */
export async function* readLines(path: string): AsyncGenerator<NumberedLine> {
  const stream = createReadStream(path, { encoding: 'utf8' });
  const opened = new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', reject);
  });
  try {
    await opened;
  } catch (error) {
    throw new InsituError('invalid_input', `Cannot read ${path}: ${(error as Error).message}`, {
      field: path,
      cause: error,
    });
  }
  const reader = createInterface({ input: stream, crlfDelay: Infinity });
  let line = 0;
  try {
    for await (const raw of reader) {
      line += 1;
      // A UTF-8 byte-order mark would otherwise glue itself to the first header name.
      yield { text: line === 1 ? raw.replace(/^\uFEFF/, '') : raw, line };
    }
  } finally {
    reader.close();
    stream.destroy();
  }
}

/** The error for a bad row: names the file and line so a shop can fix its export. */
export function badRow(path: string, line: number, message: string): InsituError {
  return new InsituError('invalid_input', `${path}:${line}: ${message}`, {
    field: `${path}:${line}`,
  });
}
