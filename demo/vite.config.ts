// The demo storefront: a multi-page vanilla-TS site. `node scripts/demo.mjs` builds and serves it.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { insituSnippet } from './snippet-plugin.ts';

const root = import.meta.dirname;
const pages = ['index', 'category', 'product', 'cart'];

export default defineConfig({
  root,
  // Generated catalog, images and the copied SDK files are served from the site root (/insitu/…).
  publicDir: resolve(root, 'public', 'generated'),
  plugins: [insituSnippet()],
  build: {
    outDir: resolve(root, 'dist'),
    emptyOutDir: true,
    rollupOptions: { input: Object.fromEntries(pages.map((p) => [p, resolve(root, `${p}.html`)])) },
  },
  server: { host: '127.0.0.1', port: Number(process.env['PORT'] ?? 5173), strictPort: true },
  preview: { host: '127.0.0.1', port: Number(process.env['PORT'] ?? 5173), strictPort: true },
});
