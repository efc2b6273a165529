import { readFileSync } from 'node:fs';
import { InsituError, validateCatalog, type Catalog } from '@insitu/core';

/** A whole text file; a missing or unreadable one is `invalid_input` naming it. */
export function readTextFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new InsituError('invalid_input', `Cannot read ${path}: ${(error as Error).message}`, {
      field: path,
      cause: error,
    });
  }
}

/** A JSON file, parsed; bad JSON is `invalid_input` naming the file and the parser's complaint. */
export function readJsonFile(path: string): unknown {
  const text = readTextFile(path);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new InsituError('invalid_input', `${path} is not JSON: ${(error as Error).message}`, {
      field: path,
      cause: error,
    });
  }
}

/** A `catalog.json`, validated; its errors name the file and the field (`items[3].price`). */
export function readCatalogFile(path: string): Catalog {
  const json = readJsonFile(path);
  try {
    return validateCatalog(json);
  } catch (error) {
    if (error instanceof InsituError) {
      throw new InsituError(error.code, `${path}: ${error.message}`, {
        field: error.field ?? path,
      });
    }
    throw error;
  }
}
