import type { Plugin } from 'vite';

const HELPER = '\0vite/preload-helper.js';

/**
 * Vite wraps every dynamic `import()` of a page bundle in its preload helper (~0.8 KB gzip),
 * even with `modulePreload: false`, where it has nothing to preload. The SDK's lazy chunks import
 * no CSS and no deps of their own, so the helper becomes a plain call of the import.
 */
export function noPreloadPlugin(): Plugin {
  return {
    name: 'insitu-no-preload-helper',
    enforce: 'pre',
    resolveId: (id) => (id === HELPER ? id : undefined),
    load: (id) => (id === HELPER ? 'export const __vitePreload = (load) => load();' : undefined),
  };
}
