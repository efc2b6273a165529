// For browser tests only: real clients (page + worker) that are forgotten after each test.
import { afterEach } from 'vitest';
import type { InsituError } from '@insitu/core';
import type { InsituConfig } from '../protocol.ts';
import { createInsitu } from './client.ts';
import type { Insitu } from './types.ts';

/**
 * Returns `open(config)`: a client on a database of its own (`prefix-<uuid>`) with `defaults`
 * under `config`, and the errors it reports. Every client is forgotten after each test.
 */
export function testClients(prefix: string, defaults: InsituConfig = {}) {
  const clients: Insitu[] = [];
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.forget().catch(() => undefined)));
  });
  return (config: InsituConfig = {}) => {
    const c = createInsitu({ dbName: `${prefix}-${crypto.randomUUID()}`, ...defaults, ...config });
    const errors: InsituError[] = [];
    c.on('error', (e) => errors.push(e));
    clients.push(c);
    return { c, errors };
  };
}
