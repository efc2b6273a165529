import { describe, expect, it } from 'vitest';
import { configFromDataset } from './read-config.ts';

describe('configFromDataset', () => {
  it('reads every documented data-* attribute with its type', () => {
    // What `script.dataset` holds for data-catalog, data-db-name, data-max-events, ...
    const config = configFromDataset({
      catalog: '/c.json',
      model: '/m/',
      consent: 'required',
      debug: '',
      dbName: 'shop',
      maxEvents: '500',
      maxAgeDays: '30',
      flushInterval: '10',
    });
    expect(config).toEqual({
      catalog: '/c.json',
      model: '/m/',
      consent: 'required',
      debug: true,
      dbName: 'shop',
      maxEvents: 500,
      maxAgeDays: 30,
      flushInterval: 10,
    });
  });

  it('leaves out what is absent and reads data-debug="false" as off', () => {
    expect(configFromDataset({ debug: 'false' })).toEqual({ debug: false });
    expect(configFromDataset({})).toEqual({});
  });

  it('reads the boolean capture attributes', () => {
    expect(configFromDataset({ captureDataLayer: '' })).toEqual({
      capture: { dataLayer: true, segment: false },
    });
    expect(configFromDataset({ captureSegment: 'true', captureDataLayer: 'false' })).toEqual({
      capture: { dataLayer: false, segment: true },
    });
  });
});
