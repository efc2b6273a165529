// Worker entry: exposes the worker API to the page over comlink.
import { expose } from 'comlink';
import { createWorkerApi } from './worker-api.ts';

expose(createWorkerApi());
