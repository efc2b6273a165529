import type { Strategy } from '@insitu/core';
import type { WidgetLanguage } from './language.ts';

/** Every text `<insitu-recommendations>` writes itself, per language. */
export interface RecommendationTexts {
  /** The default heading of each strategy (the `heading` attribute or slot replaces it). */
  heading: Record<Strategy, string>;
  /** Announced while the skeleton is shown. */
  loading: string;
}

/** The widget texts; the explanations come translated from the worker (config `language`). */
export const RECOMMENDATION_TEXTS: Record<WidgetLanguage, RecommendationTexts> = {
  en: {
    heading: {
      'for-you': 'Recommended for you',
      'similar-items': 'Similar items',
      'bought-together': 'Frequently bought together',
      trending: 'Trending now',
      'recently-viewed': 'Recently viewed',
    },
    loading: 'Loading recommendations…',
  },
  zh: {
    heading: {
      'for-you': '为你推荐',
      'similar-items': '相似商品',
      'bought-together': '经常一起购买',
      trending: '热门商品',
      'recently-viewed': '最近浏览',
    },
    loading: '正在加载推荐…',
  },
};
