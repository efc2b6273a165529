// A small static file server for the built demo, the e2e tests and the bench: no dev-server
// transforms, so the browser gets exactly the files a shop would host.
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
  '.bin': 'application/octet-stream',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

function fileFor(roots, pathname) {
  for (const root of roots) {
    const base = resolve(root);
    let file = normalize(join(base, decodeURIComponent(pathname)));
    if (file !== base && !file.startsWith(base + sep)) continue;
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      if (statSync(file).isFile()) return file;
    } catch {
      // Not in this root; try the next.
    }
  }
  return undefined;
}

/**
 * Serves `roots` (first match wins) on 127.0.0.1. `port` 0 picks a free port. `headers` are added
 * to every response (the bench sets COOP/COEP for fine-grained timers).
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export function serveStatic({ roots, port = 0, headers = {} }) {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const file =
      req.method === 'GET' || req.method === 'HEAD' ? fileFor(roots, url.pathname) : undefined;
    if (!file) {
      res.writeHead(req.method === 'GET' || req.method === 'HEAD' ? 404 : 405, headers);
      res.end();
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-cache',
      ...headers,
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const actual = typeof address === 'object' && address ? address.port : port;
      ok({
        url: `http://127.0.0.1:${actual}`,
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
