import type { ErrorInfo } from '@insitu/core';

/** The `invalid_event` report for an event refused on the page, naming the field. */
export function eventError(name: unknown, field: string, reason: string): ErrorInfo {
  const label = typeof name === 'string' ? `"${name.slice(0, 100)}"` : `(a ${typeof name} name)`;
  return { code: 'invalid_event', message: `Event ${label} was not stored: ${reason}`, field };
}

const request = (message: string, field: string): ErrorInfo => ({
  code: 'invalid_request',
  message,
  field,
});

/**
 * For methods without parameters: any argument other than `undefined` is refused, because a
 * caller passing one expects something the method does not do (`forget({ only: … })` must not
 * erase everything).
 */
export const argumentsError = (method: string, args: readonly unknown[]) =>
  args.every((a) => a === undefined)
    ? undefined
    : request(`${method}() takes no arguments; nothing was done.`, 'arguments');

/** What is wrong with the arguments of `on(type, fn)`, if anything. */
export function onError(type: unknown, fn: unknown, handlers: object): ErrorInfo | undefined {
  // Own keys only: 'toString' or '__proto__' must not reach an inherited member.
  if (typeof type !== 'string' || !Object.hasOwn(handlers, type)) {
    return request('on() takes "error", "ready" or "change".', 'type');
  }
  return typeof fn === 'function' ? undefined : request('on() needs a function.', 'fn');
}
