import { describe, expect, it } from 'vitest';
import { candidatePaths, compileRoute, routeEvent, type CompiledRoute } from './route-pattern.ts';

const compile = (routes: unknown[]) =>
  routes.map((r, i) => compileRoute(r, `capture.routes[${i}]`) as CompiledRoute);

const shop = compile([
  { path: '/detail/:category/:id', event: 'Product Viewed', product: 'id', category: 'category' },
  { path: '/list/:category', event: 'Product List Viewed', category: 'category', list: 'category' },
  { path: '/cart', event: 'Cart Viewed' },
  { path: '/help/*', event: 'Help Viewed' },
]);

describe('route patterns', () => {
  it('matches absolute paths and decodes parameters', () => {
    expect(routeEvent(shop, '/detail/mens_outerwear/Tee%20%C3%A9t%C3%A9', '/')).toEqual([
      'Product Viewed',
      { product_id: 'Tee été', category: 'mens_outerwear' },
    ]);
    expect(routeEvent(shop, '/list/ladies/', '/')).toEqual([
      'Product List Viewed',
      { category: 'ladies', list_id: 'ladies' },
    ]);
    expect(routeEvent(shop, '/cart', '/index.html')).toEqual(['Cart Viewed', {}]);
    expect(routeEvent(shop, '/help/a/b', '/')?.[0]).toBe('Help Viewed');
    expect(routeEvent(shop, '/detail/x', '/')).toBeUndefined();
    expect(routeEvent(shop, '/cart/extra', '/')).toBeUndefined();
    expect(routeEvent(shop, '/detail/a/%E0%A4%A', '/')).toBeUndefined(); // malformed escape
  });

  it('matches relative to the <base href> folder too', () => {
    expect(candidatePaths('/shop/cart', '/shop/')).toEqual(['/shop/cart', '/cart']);
    expect(candidatePaths('/shop/cart', '/shop/index.html')).toEqual(['/shop/cart', '/cart']);
    expect(candidatePaths('/other/cart', '/shop/')).toEqual(['/other/cart']);
    expect(routeEvent(shop, '/shop/detail/c/42', '/shop/')).toEqual([
      'Product Viewed',
      { product_id: '42', category: 'c' },
    ]);
  });

  it('names the offending field of a bad route', () => {
    const field = (route: unknown) => {
      const r = compileRoute(route, 'capture.routes[1]');
      return 'segments' in r ? undefined : [r.code, r.field];
    };
    expect(field({ path: 'detail/:id', event: 'Product Viewed' })).toEqual([
      'invalid_config',
      'capture.routes[1].path',
    ]);
    expect(field({ path: '/a/:1x', event: 'E' })?.[1]).toBe('capture.routes[1].path');
    expect(field({ path: '/a/:id/:id', event: 'E' })?.[1]).toBe('capture.routes[1].path');
    expect(field({ path: '/a/b:c', event: 'E' })?.[1]).toBe('capture.routes[1].path');
    expect(field({ path: '/a', event: '' })?.[1]).toBe('capture.routes[1].event');
    expect(field({ path: '/a/:id', event: 'E', product: 'sku' })?.[1]).toBe(
      'capture.routes[1].product',
    );
    expect(field('nope')?.[1]).toBe('capture.routes[1]');
    expect(field({ path: '/a/:id', event: 'E', product: 'id' })).toBeUndefined();
  });
});
