// `npm run demo`: build the SDK, generate the demo shop (catalog, images, model when available),
// build the storefront and serve it on 127.0.0.1 (PORT, default 5173) until Ctrl-C.
import { buildSdk, demoDist, prepareDemo } from '../demo/scripts/prepare.mjs';
import { serveStatic } from '../demo/scripts/static-server.mjs';

buildSdk();
prepareDemo();
const port = Number(process.env.PORT ?? 5173);
const server = await serveStatic({ roots: [demoDist], port });
console.log(`\n  insitu demo shop: ${server.url}/\n  (Ctrl-C to stop)\n`);
const stop = () => {
  void server.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
