import type { Insitu } from '../main/types.ts';
import { adoptStyles } from './adopt-styles.ts';
import { onChange, pageClient } from './page-client.ts';

type Client = Pick<Insitu, 'audiences' | 'on'>;

const PROMO_CSS = ':host{display:block}:host([hidden]),[hidden]{display:none!important}';

/**
 * `<insitu-promo audience="running-promo">…</insitu-promo>`: shows its content only while the
 * shopper is in that audience. The match is computed on the device (`insitu.audiences()`); the page
 * learns only yes or no, never the profile. Checks again on every `change`. `data-state` is
 * `shown` or `hidden`; `insitu-promo` (detail `{ shown, score }`) is dispatched after each check.
 */
export class InsituPromo extends HTMLElement {
  static readonly observedAttributes = ['audience'];
  /** The insitu client to use; defaults to `window.insitu`. */
  client: Client | undefined;
  private readonly content: HTMLElement;
  private off: (() => void) | undefined;
  private run = 0;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    adoptStyles(root, PROMO_CSS);
    this.content = document.createElement('div');
    this.content.setAttribute('part', 'content');
    this.content.hidden = true;
    this.content.append(document.createElement('slot'));
    root.append(this.content);
  }

  connectedCallback(): void {
    void this.start();
  }

  disconnectedCallback(): void {
    this.run++;
    this.off?.();
    this.off = undefined;
  }

  attributeChangedCallback(): void {
    if (this.off) void this.check(this.run);
  }

  private async start(): Promise<void> {
    const run = ++this.run;
    try {
      const client = this.client ?? (await pageClient(['audiences', 'on'], () => run === this.run));
      if (run !== this.run) return;
      this.off?.();
      this.off = onChange(client, () => void this.check(run));
      await this.check(run);
    } catch {
      this.apply(false, 0);
    }
  }

  private async check(run: number): Promise<void> {
    const client = this.client ?? (window as { insitu?: Client }).insitu;
    const id = this.getAttribute('audience');
    let score = 0;
    try {
      const matches = (await client?.audiences()) ?? [];
      score = matches.find((m) => m.id === id)?.score ?? 0;
      if (run !== this.run) return;
      this.apply(
        matches.some((m) => m.id === id),
        score,
      );
    } catch {
      // No answer (worker gone, no consent): the offer stays hidden rather than shown to all.
      if (run === this.run) this.apply(false, 0);
    }
  }

  private apply(shown: boolean, score: number): void {
    this.content.hidden = !shown;
    this.dataset['state'] = shown ? 'shown' : 'hidden';
    this.dispatchEvent(
      new CustomEvent('insitu-promo', { detail: { shown, score }, bubbles: true }),
    );
  }
}

/** Registers the element once. */
export function definePromo(name = 'insitu-promo'): void {
  if (typeof customElements !== 'undefined' && !customElements.get(name)) {
    customElements.define(name, InsituPromo);
  }
}
