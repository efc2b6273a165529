import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { loadArtifact } from '../load-model.ts';
import type { InsituModel } from '../insitu-model.ts';
import type { ArtifactFiles } from './serialize.ts';

/** Writes artifact files under `dir`, creating folders as needed. */
export async function writeArtifactDir(dir: string, files: ArtifactFiles): Promise<void> {
  for (const [path, bytes] of files) {
    const target = join(dir, path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, bytes);
  }
}

/** Loads an artifact from a folder with the same loader the worker uses. */
export function readArtifactDir(dir: string, catalogHash?: string): Promise<InsituModel> {
  return loadArtifact(async (path) => new Uint8Array(await readFile(join(dir, path))), catalogHash);
}

/** Loads an in-memory artifact (e.g. straight from `serializeArtifact`). */
export function readArtifactFiles(files: ArtifactFiles): Promise<InsituModel> {
  return loadArtifact((path) => {
    const bytes = files.get(path);
    return bytes === undefined
      ? Promise.reject(new Error(`missing ${path}`))
      : Promise.resolve(bytes);
  });
}
