import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { buildSnippet } from '../packages/sdk/build/snippet-build.ts';

const repoRoot = resolve(import.meta.dirname, '..');
/** Where the SDK build leaves the snippet; the demo pastes this text, byte for byte. */
export const SNIPPET_FILE = resolve(repoRoot, 'packages', 'sdk', 'dist', 'snippet.min.js');
/** The demo's model artifact (written by `insitu build` in the demo's model step). */
const MODEL_MANIFEST = resolve(
  repoRoot,
  'demo',
  'public',
  'generated',
  'insitu',
  'model',
  'manifest.json',
);
const MARKER = /<!-- insitu snippet:[^>]*-->/;
/** The custom elements (<insitu-recommendations>, <insitu-promo>, <insitu-profile>). */
export const WIDGETS_TAG =
  '<script type="module" blocking="render" src="/insitu/widgets.js"></script>';

/**
 * What a shop pastes into its <head>: the SDK's snippet verbatim inside a script element. The
 * snippet itself carries the runtime URL and the config (catalog URL) and loads the runtime.
 */
export function snippetTag(code: string): string {
  return `<script>${code}</script>`;
}

/**
 * Promotions the demo shop targets; matched on the device by `insitu.audiences()`, so the page can
 * show a banner without the profile leaving the browser.
 */
export const DEMO_AUDIENCES = [
  {
    id: 'outdoor-fans',
    any: [
      { metric: 'category:Running', gte: 0.25 },
      { metric: 'category:Camping', gte: 0.25 },
      { metric: 'category:Cycling', gte: 0.25 },
    ],
  },
  { id: 'ready-to-buy', all: [{ metric: 'intent', gte: 0.5 }] },
  { id: 'bargain-hunters', all: [{ segment: 'bargain-hunter' }] },
];

/**
 * The snippet text, made by the SDK's own snippet builder with the demo's config: what a shop
 * pastes after filling in its URLs and audiences. The model URL is set once the demo has a model.
 */
async function snippetCode(): Promise<string | undefined> {
  if (!existsSync(SNIPPET_FILE)) return undefined;
  const model = existsSync(MODEL_MANIFEST) ? { model: '/insitu/model/' } : {};
  return buildSnippet({
    config: { catalog: '/insitu/catalog.json', ...model, audiences: DEMO_AUDIENCES },
  });
}

/** Replaces the pages' `<!-- insitu snippet: … -->` marker with the snippet tag at build/serve time. */
export function insituSnippet(): Plugin {
  return {
    name: 'insitu-snippet',
    async transformIndexHtml(html) {
      const code = await snippetCode();
      if (code === undefined) {
        this.warn?.(`${SNIPPET_FILE} is missing: build the SDK first (vite build at the root).`);
        return html;
      }
      // The widgets script next to the snippet, as the README's install step pastes it.
      return html.replace(MARKER, `${snippetTag(code)}\n    ${WIDGETS_TAG}`);
    },
  };
}
