/** Explanation texts per language. `{x}` is an item title, `{c}` a category. */
export const EXPLANATION_TEXTS = {
  en: {
    viewed: 'Because you viewed {x}',
    bought: 'Because you bought {x}',
    together: 'Bought together with {x}',
    similar: 'Similar to {x}',
    popularIn: 'Popular in {c}',
    popular: 'Popular right now',
    trendingIn: 'Trending in {c}',
    trending: 'Trending now',
    recent: 'Recently viewed',
  },
  zh: {
    viewed: '因为你浏览过 {x}',
    bought: '因为你购买过 {x}',
    together: '常与 {x} 一起购买',
    similar: '与 {x} 相似',
    popularIn: '{c} 热销',
    popular: '当前热销',
    trendingIn: '{c} 热门趋势',
    trending: '热门趋势',
    recent: '最近浏览',
  },
} as const;

/** The keys of one language's texts. */
export type ExplanationTextKey = keyof (typeof EXPLANATION_TEXTS)['en'];

/** Fills a text template. */
export function explanationText(
  locale: keyof typeof EXPLANATION_TEXTS,
  key: ExplanationTextKey,
  values: { x?: string; c?: string } = {},
): string {
  return EXPLANATION_TEXTS[locale][key]
    .replace('{x}', values.x ?? '')
    .replace('{c}', values.c ?? '');
}
