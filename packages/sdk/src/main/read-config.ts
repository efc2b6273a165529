import type { ConsentMode, InsituConfig } from '../protocol.ts';

const num = (v: string | undefined) => (v === undefined || v === '' ? undefined : Number(v));

/**
 * Config from a script tag's `data-*` attributes: `data-catalog`, `data-model`, `data-consent`,
 * `data-debug`, `data-db-name`, `data-max-events`, `data-max-age-days`, `data-flush-interval`,
 * and the boolean `data-capture-data-layer`, `data-capture-segment` (routes need the snippet).
 */
export function configFromDataset(data: DOMStringMap): InsituConfig {
  const config: InsituConfig = {};
  if (data['catalog']) config.catalog = data['catalog'];
  if (data['model']) config.model = data['model'];
  if (data['consent']) config.consent = data['consent'] as ConsentMode;
  if (data['debug'] !== undefined) config.debug = data['debug'] !== 'false';
  if (data['dbName']) config.dbName = data['dbName'];
  const maxEvents = num(data['maxEvents']);
  if (maxEvents !== undefined) config.maxEvents = maxEvents;
  const maxAgeDays = num(data['maxAgeDays']);
  if (maxAgeDays !== undefined) config.maxAgeDays = maxAgeDays;
  const flushInterval = num(data['flushInterval']);
  if (flushInterval !== undefined) config.flushInterval = flushInterval;
  const on = (v: string | undefined) => v !== undefined && v !== 'false';
  const { captureDataLayer: layer, captureSegment: segment } = data;
  if (layer !== undefined || segment !== undefined)
    config.capture = { dataLayer: on(layer), segment: on(segment) };
  return config;
}

/** The `<script>` that loaded `moduleUrl` (module scripts have no `document.currentScript`). */
export function loaderScript(doc: Document, moduleUrl: string): HTMLScriptElement | undefined {
  for (const s of doc.querySelectorAll<HTMLScriptElement>('script[src]')) {
    if (s.src === moduleUrl) return s;
  }
  return undefined;
}
