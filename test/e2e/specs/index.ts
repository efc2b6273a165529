import type { E2ESpec } from '../harness.ts';
import {
  captureConsent,
  captureDataLayer,
  captureRoutes,
  captureSegment,
  captureStrictCsp,
} from './capture.spec.ts';
import { demoJourney } from './demo-journey.spec.ts';
import { modelRails, modelRailsWorkerCsp } from './model-rails.spec.ts';
import { multiTab } from './multi-tab.spec.ts';
import { consentRequired, globalPrivacyControl } from './privacy.spec.ts';
import { quickNavigation } from './quick-navigation.spec.ts';
import { widgetsDemo } from './widgets-demo.spec.ts';
import { widgetsFixture } from './widgets-fixture.spec.ts';
import { widgetsChinese, widgetsCsp } from './widgets-pages.spec.ts';

/** Every end-to-end spec, in the order they run. */
export const specs: E2ESpec[] = [
  demoJourney,
  modelRails,
  modelRailsWorkerCsp,
  multiTab,
  quickNavigation,
  consentRequired,
  globalPrivacyControl,
  captureRoutes,
  captureDataLayer,
  captureSegment,
  captureStrictCsp,
  captureConsent,
  widgetsFixture,
  widgetsCsp,
  widgetsChinese,
  widgetsDemo,
];
