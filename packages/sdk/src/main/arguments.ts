import type { ErrorInfo } from '@insitu/core';

/** The `invalid_event` report for an event refused on the page, naming the field. */
export function eventError(name: unknown, field: string, reason: string): ErrorInfo {
  const label = typeof name === 'string' ? `"${name.slice(0, 100)}"` : `(a ${typeof name} name)`;
  return { code: 'invalid_event', message: `Event ${label} was not stored: ${reason}`, field };
}

/**
 * For methods without parameters: any argument other than `undefined` is refused, because a
 * caller passing one expects something the method does not do (`forget({ only: … })` must not
 * erase everything).
 */
export function argumentsError(method: string, args: readonly unknown[]): ErrorInfo | undefined {
  if (args.every((a) => a === undefined)) return undefined;
  return {
    code: 'invalid_request',
    message: `${method}() takes no arguments; nothing was done.`,
    field: 'arguments',
  };
}

/** What is wrong with the arguments of `on(type, fn)`, if anything. */
export function onError(type: unknown, fn: unknown, handlers: object): ErrorInfo | undefined {
  // Own keys only: 'toString' or '__proto__' must not reach an inherited member.
  if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(handlers, type)) {
    const known = Object.keys(handlers).join('", "');
    return { code: 'invalid_request', message: `on() takes "${known}".`, field: 'type' };
  }
  if (typeof fn !== 'function') {
    return { code: 'invalid_request', message: 'on() needs a handler function.', field: 'fn' };
  }
  return undefined;
}
