import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';

/** Where the SDK build leaves the snippet; the demo pastes this text, byte for byte. */
export const SNIPPET_FILE = resolve(
  import.meta.dirname,
  '..',
  'packages',
  'sdk',
  'dist',
  'snippet.min.js',
);
const MARKER = /<!-- insitu snippet:[^>]*-->/;

/**
 * What a shop pastes into its <head>: the SDK's snippet verbatim inside a script element. The
 * snippet itself carries the runtime URL and the config (catalog URL) and loads the runtime.
 */
export function snippetTag(code: string): string {
  return `<script>${code}</script>`;
}

/** Replaces the pages' `<!-- insitu snippet: … -->` marker with the snippet tag at build/serve time. */
export function insituSnippet(): Plugin {
  return {
    name: 'insitu-snippet',
    transformIndexHtml(html) {
      if (!existsSync(SNIPPET_FILE)) {
        this.warn?.(`${SNIPPET_FILE} is missing: build the SDK first (vite build at the root).`);
        return html;
      }
      return html.replace(MARKER, snippetTag(readFileSync(SNIPPET_FILE, 'utf8').trim()));
    },
  };
}
