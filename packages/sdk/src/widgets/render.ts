import type { Recommendation } from '@insitu/core';

/** Only web and relative URLs reach `href`/`src`: a catalog must not inject `javascript:`. */
export function safeUrl(url: string | undefined): string | undefined {
  if (url === undefined || url === '') return undefined;
  try {
    const parsed = new URL(url, location.href);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** The price in the item's currency (or `currency`), in the page's language. */
export function formatPrice(price: number | undefined, currency: string | undefined): string {
  if (price === undefined) return '';
  try {
    const lang = document.documentElement.lang || undefined;
    return currency
      ? new Intl.NumberFormat(lang, { style: 'currency', currency }).format(price)
      : new Intl.NumberFormat(lang, { minimumFractionDigits: 2 }).format(price);
  } catch {
    return price.toFixed(2);
  }
}

const el = <K extends keyof HTMLElementTagNameMap>(tag: K, cls: string, text?: string) => {
  const node = document.createElement(tag);
  node.className = cls;
  if (text !== undefined) node.textContent = text;
  return node;
};

/**
 * One recommended item as `<li class="insitu-rec__item"><a>image, title, price, why</a></li>`.
 * Text goes in through `textContent` only, so catalog data cannot inject markup.
 */
export function renderItem(
  rec: Recommendation,
  position: number,
  currency?: string,
): HTMLLIElement {
  const { item, explanation } = rec;
  const li = el('li', 'insitu-rec__item');
  li.dataset['productId'] = item.id;
  li.dataset['position'] = String(position);
  const href = safeUrl(item.url);
  const link = href === undefined ? el('div', 'insitu-rec__link') : el('a', 'insitu-rec__link');
  if (link instanceof HTMLAnchorElement && href !== undefined) link.href = href;
  const src = safeUrl(item.image);
  if (src !== undefined) {
    const img = el('img', 'insitu-rec__image');
    img.src = src;
    img.alt = item.title;
    img.loading = 'lazy';
    link.append(img);
  }
  link.append(el('span', 'insitu-rec__title', item.title));
  const price = formatPrice(item.price, item.currency ?? currency);
  if (price !== '') link.append(el('span', 'insitu-rec__price', price));
  link.append(el('span', 'insitu-rec__why', explanation.text));
  li.append(link);
  return li;
}

/** The list element holding every item. */
export function renderList(recs: readonly Recommendation[], currency?: string): HTMLUListElement {
  const ul = el('ul', 'insitu-rec__list');
  recs.forEach((rec, i) => ul.append(renderItem(rec, i + 1, currency)));
  return ul;
}
