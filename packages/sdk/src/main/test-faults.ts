// For test entry points only (browser tests, the bench's pages): never imported by the SDK.
import type { TestFaults } from '../protocol.ts';
import { TEST_FAULTS } from './test-faults-key.ts';

/** Creates a client (`make`) whose worker runs with `faults`; the faults apply to it alone. */
export function withTestFaults<T>(faults: TestFaults | undefined, make: () => T): T {
  const g = globalThis as Record<string, unknown>;
  if (faults === undefined) return make();
  g[TEST_FAULTS] = faults;
  try {
    return make();
  } finally {
    delete g[TEST_FAULTS];
  }
}
