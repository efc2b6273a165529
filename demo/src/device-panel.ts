import { h } from './dom.ts';

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

/**
 * "On this device": a drawer holding the SDK's privacy centre, `<insitu-profile>` (from
 * /insitu/widgets.js; its code loads when the drawer first opens). What is stored, the profile and
 * its reasons, consent, Export and Forget all come from the element, through the public API.
 */
export function mountDevicePanel(): void {
  if (document.getElementById('device-panel')) return;
  const close = h('button', { type: 'button', class: 'close', 'aria-label': 'Close' }, '×');
  const panel = h(
    'aside',
    { class: 'device-panel', id: 'device-panel', 'aria-label': 'On this device', hidden: true },
    h('header', {}, close),
  );
  const toggle = h(
    'button',
    { type: 'button', class: 'panel-toggle', id: 'panel-toggle', 'aria-expanded': 'false' },
    lockIcon(),
    'On this device',
  );
  const setOpen = (open: boolean) => {
    // Connected only while open: the element (and its chunk) load on the first opening.
    if (open && !panel.querySelector('insitu-profile')) {
      panel.append(h('insitu-profile' as 'div', { id: 'privacy-centre' }));
    }
    panel.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    sessionStorage.setItem('panel-open', open ? '1' : '0');
  };
  toggle.addEventListener('click', () => setOpen(panel.hidden));
  close.addEventListener('click', () => setOpen(false));
  document.body.append(toggle, panel);
  // The drawer stays open across pages, so a shopper can watch it fill while browsing.
  if (sessionStorage.getItem('panel-open') === '1') setOpen(true);
}
