import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSnippet } from '../../packages/sdk/build/snippet-build.ts';
import { SNIPPET_FILE, snippetTag } from '../../demo/snippet-plugin.ts';
import { writeCaptureFixtures } from './capture-fixtures.ts';
import { writeWidgetFixtures } from './widget-fixtures.ts';

const page = (tag: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>insitu e2e</title>${tag}</head><body><p>insitu e2e fixture</p></body></html>\n`;

/**
 * Writes bare pages that paste a snippet, as a shop would, into `dir/e2e/`: blank.html with the
 * built dist/snippet.min.js verbatim, and consent.html with the snippet configured by the SDK's
 * own snippet builder for `consent: 'required'` (what a shop needing opt-in would paste); and the
 * widget pages (widget-fixtures.ts).
 */
export async function writeFixtures(dir: string): Promise<void> {
  const code = readFileSync(SNIPPET_FILE, 'utf8').trim();
  const consent = await buildSnippet({
    config: { catalog: '/insitu/catalog.json', consent: 'required' },
  });
  mkdirSync(join(dir, 'e2e'), { recursive: true });
  writeFileSync(join(dir, 'e2e', 'blank.html'), page(snippetTag(code)));
  writeFileSync(join(dir, 'e2e', 'consent.html'), page(snippetTag(consent)));
  await writeCaptureFixtures(dir);
  await writeWidgetFixtures(dir);
}
