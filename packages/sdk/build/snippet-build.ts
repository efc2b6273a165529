// Turns src/snippet/snippet.ts into the text a shop pastes (dist/snippet.min.js).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { minifySync, transformWithOxc, type Plugin } from 'vite';

const SOURCE = fileURLToPath(new URL('../src/snippet/snippet.ts', import.meta.url));

/** Where the snippet loads the runtime from, and the config object it passes. */
export interface SnippetOptions {
  src?: string;
  config?: Record<string, unknown>;
}

/** The minified snippet, ready to paste inside a `<script>` element. */
export async function buildSnippet(options: SnippetOptions = {}): Promise<string> {
  const src = options.src ?? '/insitu/insitu.js';
  // The model folder `insitu build` writes next to the catalog; a shop without one gets the basic
  // strategies and a single `model_load_failed` report.
  const config = options.config ?? { catalog: '/insitu/catalog.json', model: '/insitu/model/' };
  const ts = readFileSync(SOURCE, 'utf8');
  const { code } = await transformWithOxc(ts, SOURCE, { lang: 'ts' });
  const body = code.replace(/^export /gm, '');
  const call = `snippet(window,document,${JSON.stringify(src)},${JSON.stringify(config)});`;
  const wrapped = `(()=>{${body}\n${call}})();`;
  const out = minifySync('snippet.js', wrapped, { compress: true, mangle: true });
  if (out.errors.length > 0) throw new Error(`snippet minify: ${out.errors[0]?.message}`);
  return out.code.trim();
}

/** Vite plugin that emits `snippet.min.js` next to the bundles. */
export function snippetPlugin(options: SnippetOptions = {}): Plugin {
  return {
    name: 'insitu-snippet',
    apply: 'build',
    async generateBundle() {
      this.emitFile({
        type: 'asset',
        fileName: 'snippet.min.js',
        source: `${await buildSnippet(options)}\n`,
      });
    },
  };
}
