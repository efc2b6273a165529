import type { ErrorInfo } from '@insitu/core';
import type { InsituConfig } from '../protocol.ts';
import type { Insitu } from './types.ts';

/**
 * Loads the capture chunk (routes, dataLayer, Segment) when `capture` turns a part on, and starts
 * it. A dynamic import keeps it out of the main-thread client's budget: most pages never need it.
 */
export function loadCapture(
  client: Insitu,
  capture: InsituConfig['capture'],
  report: (error: ErrorInfo) => void,
): void {
  if (
    capture === undefined ||
    (typeof capture === 'object' &&
      capture !== null &&
      !Object.values(capture).some((v) => v !== undefined && v !== false))
  )
    return;
  import('./capture/index.ts')
    .then((m) => m.startCapture(client, capture, report))
    .catch((e: unknown) =>
      report({ code: 'internal', message: `insitu capture failed: ${String(e)}` }),
    );
}
