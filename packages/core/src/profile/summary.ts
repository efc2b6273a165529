import type { AffinityScore, Driver } from './affinities.ts';
import type { Churn } from './churn.ts';
import type { FunnelStage } from './intent.ts';
import type { PriceBand } from './spend.ts';
import type { EventKind } from './state.ts';

/** Languages the summary and explanations are written in. */
export type ProfileLanguage = 'en' | 'zh';

const LATIN = /[\p{Script=Latin}\p{N}]/u;

/**
 * A name set into Chinese text: a space on each side where it begins or ends with a Latin letter
 * or a digit ("跳过 Trail Shoe 至少", "跳过跑鞋至少").
 */
export function inChinese(name: string): string {
  const before = LATIN.test(name[0] ?? '') ? ' ' : '';
  const after = LATIN.test(name.at(-1) ?? '') ? ' ' : '';
  return `${before}${name}${after}`;
}

/** "A, B and C" / "A、B和C" (spaced, "Mk II 和 Trail", next to Latin names). */
export function listOf(names: readonly string[], lang: ProfileLanguage): string {
  if (names.length <= 1) return names[0] ?? '';
  const head = names.slice(0, -1).join(lang === 'zh' ? '、' : ', ');
  const last = names.at(-1) ?? '';
  if (lang === 'en') return `${head} and ${last}`;
  const spaced = LATIN.test(head.at(-1) ?? '') || LATIN.test(last[0] ?? '');
  return `${head}${spaced ? ' 和 ' : '和'}${last}`;
}

const WORDS = {
  en: {
    into: (a: string[]) => `Mostly into ${listOf(a, 'en')}`,
    nothing: 'No clear interests yet',
    band: {
      budget: 'budget-minded',
      mid: 'mid-range budget',
      premium: 'premium tastes',
      unknown: '',
    },
    stage: {
      browsing: 'just browsing',
      considering: 'considering a purchase',
      buying: 'ready to buy',
    },
    happy: 'happy with what they bought',
    unhappy: 'unhappy with some purchases',
    away: 'has not been back for a while',
    sep: '; ',
    end: '.',
    kinds: {
      view: ['view', 'views'],
      click: ['click', 'clicks'],
      list: ['list view', 'list views'],
      search: ['search', 'searches'],
      add: ['add to cart', 'adds to cart'],
      remove: ['removal', 'removals'],
      checkout: ['checkout', 'checkouts'],
      purchase: ['purchase', 'purchases'],
      review: ['review', 'reviews'],
      filter: ['filter', 'filters'],
      cart: ['cart view', 'cart views'],
      refund: ['refund', 'refunds'],
      wishlist: ['wishlist add', 'wishlist adds'],
      unwishlist: ['wishlist removal', 'wishlist removals'],
      share: ['share', 'shares'],
      promotion: ['promotion', 'promotions'],
      coupon: ['coupon', 'coupons'],
      shown: ['impression', 'impressions'],
    } satisfies Record<EventKind, [string, string]>,
    latest: 'latest',
  },
  zh: {
    into: (a: string[]) => `主要对${inChinese(listOf(a, 'zh'))}感兴趣`,
    nothing: '暂时还没有明显的兴趣',
    band: { budget: '注重性价比', mid: '中等预算', premium: '偏爱高端', unknown: '' },
    stage: { browsing: '随便看看', considering: '正在考虑购买', buying: '准备下单' },
    happy: '对买过的东西满意',
    unhappy: '对部分购买不满意',
    away: '已经有一段时间没来了',
    sep: '；',
    end: '。',
    kinds: {
      view: ['次浏览', '次浏览'],
      click: ['次点击', '次点击'],
      list: ['次列表浏览', '次列表浏览'],
      search: ['次搜索', '次搜索'],
      add: ['次加购', '次加购'],
      remove: ['次移出购物车', '次移出购物车'],
      checkout: ['次结账', '次结账'],
      purchase: ['次购买', '次购买'],
      review: ['次评价', '次评价'],
      filter: ['次筛选', '次筛选'],
      cart: ['次查看购物车', '次查看购物车'],
      refund: ['次退款', '次退款'],
      wishlist: ['次加入心愿单', '次加入心愿单'],
      unwishlist: ['次移出心愿单', '次移出心愿单'],
      share: ['次分享', '次分享'],
      promotion: ['次促销互动', '次促销互动'],
      coupon: ['次使用优惠券', '次使用优惠券'],
      shown: ['次展示', '次展示'],
    } satisfies Record<EventKind, [string, string]>,
    latest: '最近',
  },
};

/** What the summary is written from. */
export interface SummaryInputs {
  categories: readonly AffinityScore[];
  priceBand: PriceBand;
  stage: FunnelStage;
  churn: Churn;
  sentiment: { score: number; reviews: number };
  events: number;
  /** Broader categories, left out when narrower ones say more. */
  parents: ReadonlySet<string>;
}

/** A short plain-language description, e.g. "Mostly into Running and Camping; mid-range budget; ready to buy." */
export function summarize(x: SummaryInputs, lang: ProfileLanguage): string {
  const w = WORDS[lang];
  const top = x.categories.filter((c) => c.score >= 0.1 && !x.parents.has(c.id)).slice(0, 3);
  const parts = [top.length > 0 ? w.into(top.map((c) => c.id)) : w.nothing];
  const band = w.band[x.priceBand.band];
  if (band !== '') parts.push(band);
  if (x.events > 0) parts.push(w.stage[x.stage]);
  if (x.sentiment.reviews > 0 && Math.abs(x.sentiment.score) >= 0.2) {
    parts.push(x.sentiment.score > 0 ? w.happy : w.unhappy);
  }
  if (x.churn.risk >= 0.6 && x.churn.basis === 'rhythm') parts.push(w.away);
  return parts.join(w.sep) + w.end;
}

/** "3 views, 1 purchase; latest 42" — which events drove an interest. */
export function describeDriver(
  d: Driver,
  lang: ProfileLanguage,
  titleOf: (id: string) => string,
): string {
  const w = WORDS[lang];
  const counts = (Object.entries(d.events) as [EventKind, number][])
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) =>
      lang === 'zh' ? `${n}${w.kinds[k][0]}` : `${n} ${w.kinds[k][n === 1 ? 0 : 1]}`,
    );
  const latest = d.items[0];
  const list = counts.join(lang === 'zh' ? '，' : ', ');
  return latest === undefined ? list : `${list}${w.sep}${w.latest}: ${titleOf(latest)}`;
}
