import type { Churn, FunnelStage, SessionFeatures } from '@insitu/core';
import type { WidgetLanguage } from '../language.ts';

/** Every text of `<insitu-profile>`, per language. */
export interface PrivacyTexts {
  title: string;
  intro: string;
  events: string;
  oldest: string;
  newest: string;
  where: string;
  storage: Record<'indexeddb' | 'memory', string>;
  consent: string;
  export: string;
  forget: string;
  confirm: string;
  erase: string;
  cancel: string;
  erased: string;
  exported: string;
  summary: string;
  scores: string;
  intent: string;
  churn: string;
  stages: Record<FunnelStage, string>;
  intentWhy: (stage: string, s: SessionFeatures | undefined) => string;
  churnWhy: (c: Churn) => string;
  interests: string;
  groups: Record<'categories' | 'brands' | 'tags', string>;
  activity: string;
  activityLabel: (events: number, days: number, window: number) => string;
  learned: string;
  learnedNothing: string;
  skippedItems: string;
  shownTimes: (n: number) => string;
  resetLearning: string;
  learningReset: string;
  segments: Record<string, string>;
  nothing: string;
  noProfile: string;
  unavailable: string;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** English and Chinese; the summary and the affinity reasons come from the worker (config `language`). */
export const PRIVACY_TEXTS: Record<WidgetLanguage, PrivacyTexts> = {
  en: {
    title: 'Your data on this device',
    intro:
      'insitu keeps your browsing history and profile in this browser only. The shop never receives them.',
    events: 'Events stored',
    oldest: 'Oldest',
    newest: 'Newest',
    where: 'Where',
    storage: { indexeddb: 'This browser (IndexedDB)', memory: 'This page only, not saved' },
    consent: 'Remember my activity on this device',
    export: 'Export my data',
    forget: 'Forget me',
    confirm: 'Erase everything insitu stored on this device? This cannot be undone.',
    erase: 'Erase everything',
    cancel: 'Cancel',
    erased: 'Everything insitu stored on this device was erased.',
    exported: 'Your data was downloaded as insitu-export.json.',
    summary: 'Summary',
    scores: 'Intent and return',
    intent: 'Purchase intent',
    churn: 'Churn risk',
    stages: { browsing: 'browsing', considering: 'considering', buying: 'ready to buy' },
    intentWhy: (stage, s) =>
      `Stage: ${stage}. This visit: ${plural(s?.views ?? 0, 'view', 'views')}, ${plural(s?.adds ?? 0, 'add to cart', 'adds to cart')}${s?.checkout ? ', checkout started' : ''}.`,
    churnWhy: (c) =>
      c.daysSinceLastVisit === null
        ? 'No earlier visit yet.'
        : `Last visit ${c.daysSinceLastVisit < 1 ? 'today' : `${plural(Math.round(c.daysSinceLastVisit), 'day', 'days')} ago`}; ${c.basis === 'rhythm' ? 'you usually return' : 'shoppers typically return'} every ${plural(Math.round(c.usualGapDays), 'day', 'days')}.`,
    interests: 'Your interests',
    groups: { categories: 'Categories', brands: 'Brands', tags: 'Tags' },
    activity: 'Activity',
    activityLabel: (n, d, w) =>
      `${plural(n, 'event', 'events')} on ${plural(d, 'day', 'days')} in the last ${w} days`,
    learned: 'What insitu learned',
    learnedNothing: 'Nothing learned yet: recommendations adapt as you browse and skip them.',
    skippedItems: 'Skipped recommendations',
    shownTimes: (n) => `shown ${n} times`,
    resetLearning: 'Reset what was learned',
    learningReset: 'What insitu learned was reset. Your stored events are kept.',
    segments: {},
    nothing: 'Nothing is stored yet.',
    noProfile: 'No profile yet: browse a little, then look again.',
    unavailable: 'insitu is not available on this page.',
  },
  zh: {
    title: '你在本设备上的数据',
    intro: 'insitu 只在此浏览器中保存你的浏览记录和画像，商店永远不会收到这些数据。',
    events: '已存储事件',
    oldest: '最早',
    newest: '最新',
    where: '存储位置',
    storage: { indexeddb: '此浏览器（IndexedDB）', memory: '仅当前页面，未保存' },
    consent: '在此设备上记住我的活动',
    export: '导出我的数据',
    forget: '清除我的数据',
    confirm: '清除 insitu 在此设备上存储的全部数据？此操作无法撤销。',
    erase: '全部清除',
    cancel: '取消',
    erased: 'insitu 在此设备上存储的数据已全部清除。',
    exported: '你的数据已下载为 insitu-export.json。',
    summary: '概要',
    scores: '购买意向与回访',
    intent: '购买意向',
    churn: '流失风险',
    stages: { browsing: '随便看看', considering: '正在考虑', buying: '准备购买' },
    intentWhy: (stage, s) =>
      `阶段：${stage}。本次访问：浏览 ${s?.views ?? 0} 次，加购 ${s?.adds ?? 0} 次${s?.checkout ? '，已开始结账' : ''}。`,
    churnWhy: (c) =>
      c.daysSinceLastVisit === null
        ? '还没有更早的访问。'
        : `上次访问${c.daysSinceLastVisit < 1 ? '在今天' : `在 ${Math.round(c.daysSinceLastVisit)} 天前`}；${c.basis === 'rhythm' ? '你通常' : '顾客通常'}每 ${Math.round(c.usualGapDays)} 天回访一次。`,
    interests: '你的兴趣',
    groups: { categories: '类别', brands: '品牌', tags: '标签' },
    activity: '活跃度',
    activityLabel: (n, d, w) => `近 ${w} 天中有 ${d} 天活跃，共 ${n} 条事件`,
    learned: 'insitu 学到了什么',
    learnedNothing: '还没有学到什么：你浏览或跳过推荐时，推荐会随之调整。',
    skippedItems: '跳过的推荐',
    shownTimes: (n) => `展示了 ${n} 次`,
    resetLearning: '重置学到的内容',
    learningReset: 'insitu 学到的内容已重置，已存储的事件仍然保留。',
    segments: {
      'new-visitor': '新访客',
      returning: '回访顾客',
      loyal: '忠实顾客',
      'bargain-hunter': '精打细算',
      'big-spender': '高消费',
      'window-shopper': '随便逛逛',
      'at-risk': '可能流失',
    },
    nothing: '尚未存储任何数据。',
    noProfile: '还没有画像：先逛一逛，再回来看看。',
    unavailable: '此页面上没有 insitu。',
  },
};
