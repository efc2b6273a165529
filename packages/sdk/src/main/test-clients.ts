// For browser tests only: real clients (page + worker) that are forgotten after each test.
import { afterEach } from 'vitest';
import type { InsituError } from '@insitu/core';
import type { InsituConfig, TestFaults } from '../protocol.ts';
import { createInsitu } from './client.ts';
import { withTestFaults } from './test-faults.ts';
import type { Insitu } from './types.ts';

/**
 * Returns `open(config, faults?)`: a client on a database of its own (`prefix-<uuid>`) with
 * `defaults` under `config`, its worker running with `faults`, and the errors it reports. Every
 * client is forgotten after each test.
 */
export function testClients(prefix: string, defaults: InsituConfig = {}) {
  const clients: Insitu[] = [];
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.forget().catch(() => undefined)));
  });
  return (config: InsituConfig = {}, faults?: TestFaults) => {
    const dbName = `${prefix}-${crypto.randomUUID()}`;
    const c = withTestFaults(faults, () => createInsitu({ dbName, ...defaults, ...config }));
    const errors: InsituError[] = [];
    c.on('error', (e) => errors.push(e));
    clients.push(c);
    return { c, errors };
  };
}
