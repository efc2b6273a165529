// The capture chunk: loaded by the client only when `capture` turns a part on, so pages without
// it never download this code. Runs on the page.
import type { ErrorInfo } from '@insitu/core';
import type { CaptureConfig } from '../../protocol.ts';
import { captureDataLayer } from './data-layer.ts';
import { compileRoute, type CompiledRoute } from './route-pattern.ts';
import { captureRoutes } from './routes.ts';
import { captureSegment } from './segment.ts';
import type { Track } from './types.ts';

/**
 * Starts each part of `capture` that is on. Every captured event goes through `client.track()`,
 * so consent, validation and batching are the same as for the page's own calls. A bad setting is
 * reported as `invalid_config` naming its field (`capture.routes[1].path`) and only that part (or
 * that route) is left out; nothing throws.
 */
export function startCapture(
  client: { track: Track },
  config: unknown,
  report: (error: ErrorInfo) => void,
): void {
  const bad = (field: string, message: string) =>
    report({ code: 'invalid_config', message, field: `capture${field}` });
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    bad('', 'capture must be an object.');
    return;
  }
  const c = config as CaptureConfig;
  const track: Track = (name, props) => client.track(name, props);
  const parts: [keyof CaptureConfig, () => void][] = [
    ['dataLayer', () => captureDataLayer(track)],
    ['segment', () => captureSegment(track)],
  ];
  for (const [key, start] of parts) {
    const on = c[key];
    if (on === undefined || on === false) continue;
    if (on !== true) bad(`.${key}`, `${key} must be true or false.`);
    else start();
  }
  if (c.routes === undefined) return;
  if (!Array.isArray(c.routes)) {
    bad('.routes', 'capture.routes must be an array.');
    return;
  }
  const routes: CompiledRoute[] = [];
  c.routes.forEach((route: unknown, i) => {
    const compiled = compileRoute(route, `capture.routes[${i}]`);
    if ('segments' in compiled) routes.push(compiled);
    else report(compiled);
  });
  if (routes.length > 0) captureRoutes(routes, track);
}
