import type { ErrorInfo } from '@insitu/core';
import { describe, expect, it } from 'vitest';
import { startCapture } from './index.ts';

describe('startCapture config checks', () => {
  it('reports each bad setting as invalid_config naming its field, and never throws', () => {
    const errors: ErrorInfo[] = [];
    const track = () => undefined;
    startCapture({ track }, 5, (e) => errors.push(e));
    startCapture(
      { track },
      { dataLayer: 'yes', segment: false, routes: [{ path: 'list/:c', event: 'E' }, 'x'] },
      (e) => errors.push(e),
    );
    startCapture({ track }, { routes: {} }, (e) => errors.push(e));
    expect(errors.map((e) => [e.code, e.field])).toEqual([
      ['invalid_config', 'capture'],
      ['invalid_config', 'capture.dataLayer'],
      ['invalid_config', 'capture.routes[0].path'],
      ['invalid_config', 'capture.routes[1]'],
      ['invalid_config', 'capture.routes'],
    ]);
  });
});
