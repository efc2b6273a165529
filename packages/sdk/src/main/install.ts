import { InsituError } from '@insitu/core';
import type { InsituConfig } from '../protocol.ts';
import type { InsituStub, QueuedCall } from '../snippet/snippet.ts';
import { createInsitu } from './client.ts';
import type { Insitu } from './types.ts';

/** Client methods never throw; should one ever, the page still gets an error with a code. */
function asInsituError(error: unknown): InsituError {
  if (error instanceof InsituError) return error;
  const message = error instanceof Error ? error.message : 'insitu failed unexpectedly.';
  return new InsituError('internal', message, { cause: error });
}

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
  const run = (call: QueuedCall) => {
    // The queue is the page's array: anything may have been pushed onto it.
    if (!Array.isArray(call)) return;
    const [method, args, resolve, reject] = call;
    if (typeof resolve !== 'function' || typeof reject !== 'function') return;
    // Own methods only: 'toString' or 'constructor' are not insitu calls.
    const fn = Object.prototype.hasOwnProperty.call(client, method)
      ? (client as unknown as Record<string, unknown>)[method]
      : undefined;
    if (typeof fn !== 'function') {
      reject(
        new InsituError(
          'invalid_request',
          `insitu.${typeof method === 'string' ? method : typeof method} is not a function.`,
        ),
      );
      return;
    }
    try {
      // Called synchronously, so the replay keeps the order in which the page made the calls.
      const result = fn.apply(client, Array.isArray(args) ? args : []) as unknown;
      Promise.resolve(result).then(resolve, (error: unknown) => reject(asInsituError(error)));
    } catch (error) {
      reject(asInsituError(error));
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
