import type { PrivacyClient } from './privacy/privacy-centre.ts';
import { adoptStyles } from './adopt-styles.ts';
import { languageOf, localeOf } from './language.ts';
import { onChange, pageClient } from './page-client.ts';

/** The privacy centre's code, fetched once, when the first `<insitu-profile>` connects. */
let centre: Promise<typeof import('./privacy/privacy-centre.ts')> | undefined;
const METHODS = ['profile', 'export', 'forget', 'consent', 'stats', 'on'] as const;

/**
 * `<insitu-profile>`: the shopper's privacy centre. Shows what insitu stores on this device, the
 * profile with the reasons behind each score, what insitu learned, the consent switch, Export
 * (downloads what `insitu.export()` returns), Forget (after a confirmation) and Reset what was
 * learned (where the client has `resetLearning`), through the public API only. Its
 * code is a separate chunk, loaded when the element first connects; until then (and when insitu
 * is missing) the element's own children show. `data-state`: `loading`, `filled`, `empty`,
 * `unavailable`.
 */
export class InsituProfile extends HTMLElement {
  /** The insitu client to use; defaults to `window.insitu`. */
  client: PrivacyClient | undefined;
  private stop: (() => void) | undefined;
  private run = 0;

  connectedCallback(): void {
    const run = ++this.run;
    this.dataset['state'] = 'loading';
    centre ??= import('./privacy/privacy-centre.ts');
    void Promise.all([centre, this.client ?? pageClient(METHODS, () => run === this.run)])
      .then(([m, client]) => {
        if (run !== this.run) return;
        this.stop?.();
        const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
        adoptStyles(root, m.PRIVACY_CSS);
        const locale = localeOf(this);
        const redraw = m.mountPrivacyCentre(this, root, client, locale, languageOf(locale));
        this.stop = onChange(client, () => void redraw());
      })
      .catch((error: unknown) => {
        if (run !== this.run) return;
        this.dataset['state'] = 'unavailable';
        this.dispatchEvent(new CustomEvent('insitu-error', { detail: { error }, bubbles: true }));
      });
  }

  disconnectedCallback(): void {
    this.run++;
    this.stop?.();
    this.stop = undefined;
  }
}

/** Registers the element once. */
export function defineProfile(name = 'insitu-profile'): void {
  if (typeof customElements !== 'undefined' && !customElements.get(name)) {
    customElements.define(name, InsituProfile);
  }
}
