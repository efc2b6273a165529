/** The languages widget texts come in; anything else falls back to English. */
export type WidgetLanguage = 'en' | 'zh';

/** The `lang` of the element, of its closest ancestor across shadow roots, or undefined. */
function closestLang(el: Element): string | undefined {
  for (let n: Element | null = el; n !== null;) {
    if (n !== document.documentElement && n.hasAttribute('lang')) return n.getAttribute('lang')!;
    const up: Element | null = n.parentElement;
    n = up ?? ((n.getRootNode() as ShadowRoot).host as Element | undefined) ?? null;
  }
  return undefined;
}

/**
 * The insitu config's `language`, when the widget can see it: the snippet's stub keeps the config
 * as `c` until the runtime replaces it, and a loader tag may carry `data-language`.
 */
let configLanguage: string | undefined;
export function readConfigLanguage(): string | undefined {
  if (configLanguage === undefined) {
    const stub = (window as { insitu?: { c?: { language?: unknown } } }).insitu;
    const fromStub = stub?.c?.language;
    const tag = document.querySelector<HTMLElement>('script[data-language]');
    configLanguage =
      typeof fromStub === 'string' ? fromStub : (tag?.dataset['language'] ?? undefined);
  }
  return configLanguage;
}

/**
 * The BCP 47 tag a widget writes in: an explicit `lang` on the element or an ancestor wins, then
 * the insitu config's `language`, then the page's `<html lang>`, then English.
 */
export function localeOf(el: Element): string {
  return (
    closestLang(el) || readConfigLanguage() || document.documentElement.lang || navigator.language
  );
}

/** Which of the widget text tables to use for a locale. */
export function languageOf(locale: string): WidgetLanguage {
  return locale.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** The price in the item's (or catalog's) currency, formatted for the widget's locale. */
export function formatPrice(
  price: number | undefined,
  currency: string | undefined,
  locale: string,
) {
  if (price === undefined) return '';
  try {
    return new Intl.NumberFormat(locale, {
      ...(currency ? { style: 'currency', currency } : { minimumFractionDigits: 2 }),
    }).format(price);
  } catch {
    return price.toFixed(2);
  }
}
