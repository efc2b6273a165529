import type { StoredEvent } from '@insitu/core';
import { h } from './dom.ts';
import { insitu } from './insitu.ts';
import { activityChart, profileSection } from './profile-panel.ts';
import type { Shop } from './shop-data.ts';

const REFRESH_MS = 2000;

function describeEvent(e: StoredEvent, shop: Shop): string {
  const first = e.items[0];
  const title = first ? shop.byId.get(first)?.title : undefined;
  const query = typeof e.props['query'] === 'string' ? `“${e.props['query']}”` : undefined;
  const more = e.items.length > 1 ? ` (+${e.items.length - 1})` : '';
  return [title ? `${title}${more}` : query, new Date(e.ts).toLocaleTimeString()]
    .filter(Boolean)
    .join(' · ');
}

function download(json: unknown): void {
  const blob = new Blob([JSON.stringify(json, null, 2)], { type: 'application/json' });
  const a = h('a', { href: URL.createObjectURL(blob), download: 'insitu-export.json' });
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/** A padlock drawn inline: emoji fonts are not on every machine (headless Chromium has none). */
function lockIcon(): SVGSVGElement {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('class', 'lock');
  svg.innerHTML =
    '<rect x="3" y="7" width="10" height="8" rx="1.5" fill="currentColor"/>' +
    '<path d="M5 7V5a3 3 0 0 1 6 0v2" stroke="currentColor" stroke-width="1.6" fill="none"/>';
  return svg;
}

/** Fills the panel's body from export() and profile(); everything is read on this device. */
async function refresh(body: HTMLElement, shop: Shop): Promise<void> {
  const api = insitu();
  if (!api) {
    body.replaceChildren(h('p', {}, 'The insitu snippet is not on this page.'));
    return;
  }
  const events = await api.export().then(
    (x) => x.events,
    (): StoredEvent[] => [],
  );
  const profile = await api.profile().catch(() => undefined);
  const latest = [...events].sort((a, b) => b.ts - a.ts).slice(0, 8);
  body.replaceChildren(
    h(
      'p',
      { class: 'stored-count' },
      h('strong', { id: 'stored-count' }, String(events.length)),
      ` event${events.length === 1 ? '' : 's'} stored in this browser`,
    ),
    profileSection(profile),
    h('h3', {}, 'Activity'),
    activityChart(events),
    h('h3', {}, 'Latest events'),
    latest.length
      ? h(
          'ol',
          { class: 'latest', id: 'latest-events' },
          latest.map((e) => h('li', {}, h('b', {}, e.name), h('span', {}, describeEvent(e, shop)))),
        )
      : h('p', { class: 'muted' }, 'Nothing yet. Browse a little, then look again.'),
  );
}

/**
 * "What insitu stores on this device": a drawer with the event count, an activity chart, the
 * profile (when the SDK provides one), the latest events, and Export / Forget buttons.
 */
export function mountDevicePanel(shop: Shop): void {
  if (document.getElementById('device-panel')) return;
  const body = h('div', { class: 'panel-body' });
  let timer: number | undefined;
  const update = () => refresh(body, shop).catch((e: unknown) => console.warn(e));
  const exportButton = h('button', { id: 'export-data', type: 'button' }, 'Export JSON');
  exportButton.addEventListener('click', () => {
    insitu()
      ?.export()
      .then(download)
      .catch((e: unknown) => console.warn(e));
  });
  const forgetButton = h(
    'button',
    { id: 'forget-data', type: 'button', class: 'danger' },
    'Forget me',
  );
  forgetButton.addEventListener('click', () => {
    Promise.resolve(insitu()?.forget())
      .then(update)
      .catch((e: unknown) => console.warn(e));
  });
  const panel = h(
    'aside',
    { class: 'device-panel', id: 'device-panel', 'aria-hidden': 'true' },
    h(
      'header',
      {},
      h('h2', {}, 'What insitu stores on this device'),
      h('button', { type: 'button', class: 'close', 'aria-label': 'Close' }, '×'),
    ),
    h(
      'p',
      { class: 'muted' },
      'Your browsing history and profile live only in this browser (IndexedDB). The shop never receives them.',
    ),
    h('div', { class: 'panel-actions' }, exportButton, forgetButton),
    body,
  );
  const toggle = h(
    'button',
    { type: 'button', class: 'panel-toggle', id: 'panel-toggle' },
    lockIcon(),
    'On this device',
  );
  const setOpen = (open: boolean) => {
    panel.classList.toggle('open', open);
    panel.setAttribute('aria-hidden', String(!open));
    sessionStorage.setItem('panel-open', open ? '1' : '0');
    window.clearInterval(timer);
    if (open) {
      void update();
      timer = window.setInterval(() => void update(), REFRESH_MS);
    }
  };
  toggle.addEventListener('click', () => setOpen(!panel.classList.contains('open')));
  panel.querySelector('.close')?.addEventListener('click', () => setOpen(false));
  document.body.append(toggle, panel);
  // The drawer stays open across pages, so a shopper can watch it fill while browsing.
  if (sessionStorage.getItem('panel-open') === '1') setOpen(true);
}
