import type { TestFaults } from '../protocol.ts';

/**
 * The global a test entry point sets (`test-faults.ts`) while it creates a client: a shop's
 * config cannot carry faults, and the SDK never sets this.
 */
export const TEST_FAULTS = '__insituTestFaults';

/** Faults a test entry point set for the client being created, if any. */
export const testFaults = (): TestFaults | undefined =>
  (globalThis as Record<string, unknown>)[TEST_FAULTS] as TestFaults | undefined;
