import { InsituError } from '@insitu/core';
import type { InsituConfig } from '../protocol.ts';
import type { InsituStub, QueuedCall } from '../snippet/snippet.ts';
import { createInsitu } from './client.ts';
import type { Insitu } from './types.ts';

/**
 * Starts insitu on a page: merges the config of the loader's `data-*` attributes and of the
 * snippet (the snippet wins), replaces the stub with the live client and replays every queued
 * call in order, settling each call's promise. A second run on the same window does nothing.
 */
export function install(w: { insitu?: unknown }, dataConfig: InsituConfig): Insitu | undefined {
  const stub = w.insitu as Partial<InsituStub> | Insitu | undefined;
  if (stub && !Array.isArray((stub as InsituStub).q)) return undefined; // already installed
  const queue = (stub as InsituStub | undefined)?.q ?? [];
  const client = createInsitu({ ...dataConfig, ...(stub as InsituStub | undefined)?.c });
  const run = ([method, args, resolve, reject]: QueuedCall) => {
    const fn = (client as unknown as Record<string, unknown>)[method];
    if (typeof fn !== 'function') {
      reject(new InsituError('invalid_request', `insitu.${method} is not a function.`));
      return;
    }
    try {
      // Called synchronously, so the replay keeps the order in which the page made the calls.
      Promise.resolve(fn.apply(client, args) as unknown).then(resolve, reject);
    } catch (error) {
      reject(error);
    }
  };
  w.insitu = client;
  queue.forEach(run);
  // Code that kept a reference to the stub's methods still reaches the client.
  queue.length = 0;
  queue.push = (...calls: QueuedCall[]) => {
    calls.forEach(run);
    return 0;
  };
  return client;
}
