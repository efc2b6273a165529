// Bundled into one IIFE for the track() bench page (test/bench/track-bench.ts): the two
// analytics libraries insitu's track() is compared with, as a shop would load them from npm.
import { AnalyticsBrowser } from '@segment/analytics-next';
import aa from 'search-insights';

declare global {
  interface Window {
    /** Set by this bundle: the two libraries, not yet loaded or initialised. */
    __competitors?: { AnalyticsBrowser: typeof AnalyticsBrowser; aa: typeof aa };
  }
}

window.__competitors = { AnalyticsBrowser, aa };
