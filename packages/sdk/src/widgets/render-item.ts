import type { Recommendation } from '@insitu/core';
import { safeUrl } from './safe-url.ts';

/** What a custom `render` function (or the default one) receives besides the recommendation. */
export interface RenderContext {
  /** 1-based position in the list. */
  position: number;
  /** The price, formatted for the widget's language and the item's currency. */
  price: string;
  /** The locale the widget writes in (BCP 47). */
  locale: string;
}

/** Renders the inside of one card; the element wraps it in `<li part="item">`. */
export type RenderItem = (rec: Recommendation, ctx: RenderContext) => Node;

const el = (tag: string, cls: string, part?: string, text?: string) => {
  const node = document.createElement(tag);
  node.className = cls;
  if (part) node.setAttribute('part', part);
  if (text !== undefined) node.textContent = text;
  return node;
};

/**
 * The default card: a link holding the image and the title (so the link's accessible name is the
 * title alone, and the image is decorative: `alt=""`), then the price and the explanation. The
 * link's `::after` stretches over the card, so the whole card is clickable. Text goes in through
 * `textContent` only: catalog data cannot inject markup.
 */
export const renderItem: RenderItem = (rec, ctx) => {
  const { item, explanation } = rec;
  const frag = document.createDocumentFragment();
  const href = safeUrl(item.url);
  const link = el(href === undefined ? 'div' : 'a', 'l', 'link');
  if (href !== undefined) link.setAttribute('href', href);
  const box = el('span', 'box');
  const src = safeUrl(item.image);
  if (src !== undefined) {
    const img = el('img', '', 'image') as HTMLImageElement;
    img.alt = '';
    img.decoding = 'async';
    // A missing file leaves the tinted box, not the browser's broken-image icon.
    img.addEventListener('error', () => (img.hidden = true));
    img.src = src;
    box.append(img);
  }
  link.append(box, el('span', 't', 'title', item.title));
  frag.append(link, el('span', 'p', 'price', ctx.price), el('span', 'w', 'why', explanation.text));
  return frag;
};

/**
 * A card from the shop's `<template>`: elements marked `data-insitu="title|price|why"` get the
 * text, `data-insitu="image"` the image URL (`alt` stays as the template sets it, `""` by default)
 * and `data-insitu="link"` the item URL. Elements may carry `part` names for `::part()`.
 */
export function renderFromTemplate(template: HTMLTemplateElement): RenderItem {
  return (rec, ctx) => {
    const frag = template.content.cloneNode(true) as DocumentFragment;
    const text: Record<string, string> = {
      title: rec.item.title,
      price: ctx.price,
      why: rec.explanation.text,
    };
    for (const node of frag.querySelectorAll<HTMLElement>('[data-insitu]')) {
      const field = node.dataset['insitu'] ?? '';
      if (field in text) node.textContent = text[field] ?? '';
      else if (field === 'image') {
        const src = safeUrl(rec.item.image);
        if (src === undefined) node.remove();
        else {
          node.setAttribute('src', src);
          if (!node.hasAttribute('alt')) node.setAttribute('alt', '');
        }
      } else if (field === 'link') {
        const href = safeUrl(rec.item.url);
        if (href === undefined) node.removeAttribute('href');
        else node.setAttribute('href', href);
      }
    }
    return frag;
  };
}

/** A placeholder card with the default card's exact box sizes, hidden from assistive tech. */
export function skeletonItem(): HTMLLIElement {
  const li = el('li', 'sk') as HTMLLIElement;
  li.append(el('span', 'box'), el('span', 't'), el('span', 'p'), el('span', 'w'));
  return li;
}
