// The shopper's privacy centre, loaded as its own chunk when an <insitu-profile> first connects.
// It imports nothing the widgets entry has (the element passes locale and language in), so the
// bundler keeps that shared code inside widgets.js instead of splitting off a third file.
import type { Insitu, ShopperProfile } from '../../main/types.ts';
import type { InsituExport, Stats } from '../../protocol.ts';
import type { WidgetLanguage } from '../language.ts';
import { h } from './dom.ts';
import { learnedView, profileView } from './profile-view.ts';
import { PRIVACY_TEXTS } from './privacy-texts.ts';

/**
 * The public API calls the privacy centre makes; `resetLearning` where the client has it (an
 * insitu.js older than the widgets has not).
 */
export type PrivacyClient = Pick<
  Insitu,
  'profile' | 'export' | 'forget' | 'consent' | 'stats' | 'on'
> &
  Partial<Pick<Insitu, 'resetLearning'>>;

/** Changes arrive in bursts (one per stored batch): redraw at most this often. */
const REDRAW_MS = 500;

/** Saves the JSON `export()` returned as a file, without a server round trip. */
function download(json: InsituExport): void {
  const blob = new Blob([JSON.stringify(json, null, 2)], { type: 'application/json' });
  const a = h('a', { href: URL.createObjectURL(blob), download: 'insitu-export.json' });
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

/** The stored consent decision (`<dbName>:consent`), which outlives the page. */
function decision(dbName: string): string | null {
  try {
    return localStorage.getItem(`${dbName}:consent`);
  } catch {
    return null;
  }
}

const settle = <T>(p: Promise<T>): Promise<T | undefined> => p.catch(() => undefined);

export { PRIVACY_CSS } from './privacy-styles.ts';

/**
 * Fills `root` with what insitu stores (count, oldest and newest event, where), the consent
 * switch, Export and Forget (with a confirmation), the profile with its reasons, and what insitu
 * learned with Reset (shown when the client has `resetLearning`). Returns the redraw function,
 * which the element calls on `change`.
 */
export function mountPrivacyCentre(
  host: HTMLElement,
  root: ShadowRoot,
  client: PrivacyClient,
  locale: string,
  lang: WidgetLanguage,
): () => Promise<void> {
  const t = PRIVACY_TEXTS[lang];
  const dbName = host.getAttribute('db-name') ?? 'insitu';
  const when = (ts: number | undefined) =>
    ts === undefined
      ? '–'
      : new Intl.DateTimeFormat(locale, {
          month: 'short',
          day: 'numeric',
          hour: 'numeric',
          minute: '2-digit',
        }).format(ts);
  const fact = (id: string, label: string) => {
    const dd = h('dd', { id }, '…');
    return [h('div', {}, h('dt', {}, label), dd), dd] as const;
  };
  const [countBox, count] = fact('stored-count', t.events);
  const [oldestBox, oldest] = fact('oldest-event', t.oldest);
  const [newestBox, newest] = fact('newest-event', t.newest);
  const [whereBox, where] = fact('storage-kind', t.where);
  const consent = h('input', { type: 'checkbox', role: 'switch', id: 'consent-switch' });
  const exportButton = h('button', { type: 'button', id: 'export-data', part: 'button' }, t.export);
  const forgetButton = h(
    'button',
    { type: 'button', id: 'forget-data', class: 'danger', part: 'button' },
    t.forget,
  );
  const yes = h('button', { type: 'button', id: 'forget-confirm', class: 'danger solid' }, t.erase);
  const no = h('button', { type: 'button', id: 'forget-cancel' }, t.cancel);
  const confirm = h(
    'div',
    { class: 'confirm', role: 'group', 'aria-labelledby': 'confirm-text', hidden: '' },
    h('p', { id: 'confirm-text' }, t.confirm),
    h('div', {}, yes, no),
  );
  const status = h('p', { role: 'status', class: 'muted', id: 'privacy-status' });
  const body = h('div', { id: 'profile-body' });
  // Outside `body`, which each draw replaces: the reset button keeps focus across redraws.
  const learnedBody = h('div', { id: 'learned-body' });
  const resetButton = h(
    'button',
    { type: 'button', id: 'reset-learning', part: 'button' },
    t.resetLearning,
  );
  const resetRow = h('div', { class: 'actions' }, resetButton);
  const learned = h(
    'div',
    { id: 'learned', hidden: '' },
    h('h3', {}, t.learned),
    learnedBody,
    resetRow,
  );
  root.replaceChildren(
    h(
      'section',
      { 'aria-labelledby': 'privacy-title', part: 'panel' },
      h('h2', { id: 'privacy-title', part: 'heading' }, t.title),
      h('p', { class: 'muted' }, t.intro),
      h('dl', { part: 'facts' }, countBox, oldestBox, newestBox, whereBox),
      h('label', { class: 'switch' }, consent, t.consent),
      h('div', { class: 'actions' }, exportButton, forgetButton),
      confirm,
      status,
      body,
      learned,
    ),
  );

  let drawing: Promise<void> | undefined;
  let again = false;
  const draw = async () => {
    const [data, stats, profile] = await Promise.all([
      settle(client.export()),
      settle<Stats>(client.stats()),
      settle<ShopperProfile>(client.profile()),
    ]);
    if (data === undefined && stats === undefined) {
      host.dataset['state'] = 'unavailable';
      learned.hidden = true;
      body.replaceChildren(h('p', { class: 'muted' }, t.unavailable));
      return;
    }
    const ts = (data?.events ?? []).map((e) => e.ts);
    count.textContent = String(ts.length);
    oldest.textContent = when(ts.length ? Math.min(...ts) : undefined);
    newest.textContent = when(ts.length ? Math.max(...ts) : undefined);
    const kind = stats?.storage ?? data?.storage ?? 'memory';
    where.textContent = t.storage[kind];
    const d = decision(dbName);
    consent.checked = d === null ? kind === 'indexeddb' : d === 'granted';
    const filled = profile !== undefined && ts.length > 0;
    host.dataset['state'] = filled ? 'filled' : 'empty';
    body.replaceChildren(
      ...(filled
        ? profileView(profile, t)
        : [h('p', { class: 'muted' }, ts.length ? t.noProfile : t.nothing)]),
    );
    learned.hidden = !filled;
    resetRow.hidden = typeof client.resetLearning !== 'function';
    if (filled) learnedBody.replaceChildren(...learnedView(profile.learned, t));
  };
  /** One redraw at a time; a change during one asks for exactly one more. */
  const redraw = (): Promise<void> => {
    if (drawing) {
      again = true;
      return drawing;
    }
    drawing = draw()
      .catch(() => undefined)
      .then(() => {
        drawing = undefined;
        host.dispatchEvent(new CustomEvent('insitu-drawn', { bubbles: true }));
        if (again) {
          again = false;
          return new Promise<void>((r) => setTimeout(r, REDRAW_MS)).then(redraw);
        }
      });
    return drawing;
  };
  const say = (text: string) => (status.textContent = text);

  exportButton.addEventListener('click', () => {
    void client.export().then(
      (json) => {
        download(json);
        say(t.exported);
      },
      () => say(t.unavailable),
    );
  });
  forgetButton.addEventListener('click', () => {
    confirm.hidden = false;
    no.focus();
  });
  no.addEventListener('click', () => {
    confirm.hidden = true;
    forgetButton.focus();
  });
  yes.addEventListener('click', () => {
    void client
      .forget()
      .then(() => {
        confirm.hidden = true;
        say(t.erased);
        forgetButton.focus();
        host.dispatchEvent(new CustomEvent('insitu-forgotten', { bubbles: true }));
        return redraw();
      })
      .catch(() => say(t.unavailable));
  });
  resetButton.addEventListener('click', () => {
    if (typeof client.resetLearning !== 'function') return;
    void client.resetLearning().then(
      () => {
        say(t.learningReset);
        return redraw();
      },
      () => say(t.unavailable),
    );
  });
  consent.addEventListener('change', () => {
    void client.consent(consent.checked).then(redraw, () => say(t.unavailable));
  });

  void redraw();
  return redraw;
}
