// The script-tag runtime (dist/insitu.js): configures itself from its own <script data-*> tag
// and from the snippet, then replaces the snippet's queue stub.
import { install } from './install.ts';
import { configFromDataset, loaderScript } from './read-config.ts';

const script = loaderScript(document, import.meta.url);
install(window as { insitu?: unknown }, script ? configFromDataset(script.dataset) : {});
