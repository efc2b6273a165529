// URL path patterns of `capture.routes`: compiled once, matched on every navigation. Pure (no
// DOM), so it is tested in Node.
import type { ErrorInfo } from '@insitu/core';
import type { CaptureRoute } from '../../protocol.ts';
import { isObj } from './is-object.ts';

/** A route ready to match: its segments and the event it fires. */
export interface CompiledRoute {
  route: CaptureRoute;
  /** Literal segments as strings, parameters as `{ param }`; `*` matches the rest of the path. */
  segments: (string | { param: string })[];
  rest: boolean;
}

const PARAM = /^:([A-Za-z_][A-Za-z0-9_]*)$/;

/** Path segments without empty ones, so `/a//b/` and `/a/b` are the same path. */
const split = (path: string) => path.split('/').filter((s) => s !== '');

/** Compiles one route, or says which of its fields is wrong (`capture.routes[1].path`). */
export function compileRoute(route: unknown, field: string): CompiledRoute | ErrorInfo {
  const bad = (name: string, message: string): ErrorInfo => ({
    code: 'invalid_config',
    message,
    field: `${field}.${name}`,
  });
  if (!isObj(route))
    return { code: 'invalid_config', message: 'A route must be an object.', field };
  const { path, event } = route;
  if (typeof path !== 'string' || !path.startsWith('/')) {
    return bad('path', 'path must start with "/".');
  }
  if (typeof event !== 'string' || event.trim() === '') {
    return bad('event', 'event must name an event.');
  }
  const parts = split(path);
  const rest = parts.at(-1) === '*';
  if (rest) parts.pop();
  const segments: CompiledRoute['segments'] = [];
  const params = new Set<string>();
  for (const part of parts) {
    if (!part.startsWith(':')) {
      if (/[:*?#]/.test(part)) return bad('path', `"${part}" is not a segment or a :name.`);
      segments.push(part);
      continue;
    }
    const name = PARAM.exec(part)?.[1];
    if (name === undefined || params.has(name)) {
      return bad('path', `"${part}" is not a :name parameter, or it repeats.`);
    }
    params.add(name);
    segments.push({ param: name });
  }
  for (const key of ['product', 'category', 'list'] as const) {
    const ref = route[key];
    if (ref !== undefined && (typeof ref !== 'string' || !params.has(ref))) {
      return bad(key, `${key} must name a parameter of path ("${path}").`);
    }
  }
  return { route: route as unknown as CaptureRoute, segments, rest };
}

/** The decoded parameters when `path` matches the route; undefined otherwise. */
export function matchRoute(
  compiled: CompiledRoute,
  path: string,
): Record<string, string> | undefined {
  const parts = split(path);
  const { segments, rest } = compiled;
  if (rest ? parts.length < segments.length : parts.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]!;
    let part: string;
    try {
      part = decodeURIComponent(parts[i]!);
    } catch {
      return undefined; // A malformed escape (%E0%A4%A) names nothing we could record.
    }
    if (typeof seg === 'string') {
      if (seg !== part) return undefined;
    } else params[seg.param] = part;
  }
  return params;
}

/**
 * The paths a URL path is matched as: itself, and relative to the `<base href>` folder, so
 * `/detail/:id` matches `/shop/detail/1` under `<base href="/shop/">`.
 */
export function candidatePaths(pathname: string, basePath: string): string[] {
  const folder = basePath.slice(0, basePath.lastIndexOf('/') + 1);
  if (folder.length <= 1 || !pathname.startsWith(folder)) return [pathname];
  return [pathname, `/${pathname.slice(folder.length)}`];
}

/** The event and properties of the first route that matches, in config order. */
export function routeEvent(
  routes: CompiledRoute[],
  pathname: string,
  basePath: string,
): [name: string, props: Record<string, string>] | undefined {
  for (const path of candidatePaths(pathname, basePath)) {
    for (const compiled of routes) {
      const params = matchRoute(compiled, path);
      if (params === undefined) continue;
      const { event, product, category, list } = compiled.route;
      const props: Record<string, string> = {};
      if (product !== undefined) props['product_id'] = params[product]!;
      if (category !== undefined) props['category'] = params[category]!;
      if (list !== undefined) props['list_id'] = params[list]!;
      return [event, props];
    }
  }
  return undefined;
}
