// Third-party notices for the worker bundles. The worker is built without legal comments (tfjs
// repeats its licence header in every source file: hundreds of copies in the lazy tfjs chunk), so
// the licences are stated once, in THIRD_PARTY_NOTICES.txt, and each chunk that carries
// third-party code points to it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';

const require = createRequire(import.meta.url);
/** Packages bundled into the worker and its lazy chunks. */
const PACKAGES = [
  '@tensorflow/tfjs-core',
  '@tensorflow/tfjs-backend-cpu',
  '@tensorflow/tfjs-backend-webgl',
  '@tensorflow/tfjs-backend-wasm',
  'comlink',
  'idb',
];
export const NOTICES_FILE = 'THIRD_PARTY_NOTICES.txt';

function notices(): string {
  const lines = PACKAGES.map((name) => {
    const pkg = JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as {
      version: string;
      license: string;
    };
    return `${name} ${pkg.version} (${pkg.license})`;
  });
  return [
    'insitu bundles the following packages:',
    '',
    ...lines,
    '',
    'TensorFlow.js and comlink: Copyright Google LLC. Licensed under the Apache License, Version',
    '2.0 (http://www.apache.org/licenses/LICENSE-2.0); distributed on an "AS IS" BASIS, WITHOUT',
    'WARRANTIES OR CONDITIONS OF ANY KIND.',
    'idb: Copyright (c) 2016, Jake Archibald <jaffathecake@gmail.com>. ISC licence: permission to',
    'use, copy, modify, and/or distribute this software for any purpose with or without fee is',
    'hereby granted, provided that the above copyright notice and this permission notice appear',
    'in all copies. THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHOR DISCLAIMS ALL WARRANTIES.',
    '',
  ].join('\n');
}

/** Added after minification to every worker chunk (see `vite-build.ts`). */
export const NOTICES_BANNER = `/* Third-party code: licences in ${NOTICES_FILE} */`;

/** Emits THIRD_PARTY_NOTICES.txt next to the bundles. */
export function noticesPlugin(): Plugin {
  return {
    name: 'insitu-notices',
    apply: 'build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: NOTICES_FILE, source: notices() });
    },
  };
}
