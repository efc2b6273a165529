import type { Catalog, CatalogItem } from '@insitu/core';
import { createRng } from './random.ts';

/** A category of the generated shop, with words to make titles from. */
interface CategorySpec {
  department: string;
  name: string;
  basePrice: number;
  nouns: string[];
  zhNouns: string[];
  tags: string[];
}

/** Twelve categories in four departments; names are what `categories` in the catalog holds. */
export const CATEGORY_SPECS: readonly CategorySpec[] = [
  {
    department: 'Sport',
    name: 'Running',
    basePrice: 90,
    nouns: ['Trail Shoe', 'Road Shoe', 'Running Vest', 'Running Tights'],
    zhNouns: ['跑鞋', '越野跑鞋', '跑步背心'],
    tags: ['trail', 'marathon', 'breathable', 'lightweight'],
  },
  {
    department: 'Sport',
    name: 'Camping',
    basePrice: 120,
    nouns: ['Tent', 'Sleeping Bag', 'Camp Stove', 'Headlamp'],
    zhNouns: ['帐篷', '睡袋', '露营灯'],
    tags: ['outdoor', 'waterproof', 'hiking', 'packable'],
  },
  {
    department: 'Sport',
    name: 'Cycling',
    basePrice: 150,
    nouns: ['Helmet', 'Bike Light', 'Cycling Jersey', 'Saddle Bag'],
    zhNouns: ['骑行头盔', '车灯', '骑行服'],
    tags: ['road', 'commute', 'aero', 'reflective'],
  },
  {
    department: 'Home',
    name: 'Kitchen',
    basePrice: 45,
    nouns: ['Chef Knife', 'Frying Pan', 'Coffee Grinder', 'Teapot'],
    zhNouns: ['菜刀', '炒锅', '茶壶'],
    tags: ['cooking', 'stainless', 'coffee', 'nonstick'],
  },
  {
    department: 'Home',
    name: 'Furniture',
    basePrice: 260,
    nouns: ['Armchair', 'Bookshelf', 'Side Table', 'Desk'],
    zhNouns: ['扶手椅', '书架', '书桌'],
    tags: ['oak', 'scandinavian', 'compact', 'upholstered'],
  },
  {
    department: 'Home',
    name: 'Lighting',
    basePrice: 70,
    nouns: ['Floor Lamp', 'Desk Lamp', 'Pendant Light', 'Smart Bulb'],
    zhNouns: ['落地灯', '台灯', '吊灯'],
    tags: ['dimmable', 'warm', 'smart', 'brass'],
  },
  {
    department: 'Fashion',
    name: 'Shoes',
    basePrice: 80,
    nouns: ['Sneaker', 'Loafer', 'Chelsea Boot', 'Sandal'],
    zhNouns: ['运动鞋', '乐福鞋', '靴子'],
    tags: ['leather', 'casual', 'suede', 'everyday'],
  },
  {
    department: 'Fashion',
    name: 'Bags',
    basePrice: 95,
    nouns: ['Backpack', 'Tote', 'Messenger Bag', 'Wallet'],
    zhNouns: ['双肩包', '托特包', '钱包'],
    tags: ['canvas', 'laptop', 'travel', 'minimal'],
  },
  {
    department: 'Fashion',
    name: 'Watches',
    basePrice: 220,
    nouns: ['Field Watch', 'Dive Watch', 'Chronograph', 'Smartwatch'],
    zhNouns: ['手表', '潜水表', '智能手表'],
    tags: ['automatic', 'sapphire', 'titanium', 'classic'],
  },
  {
    department: 'Tech',
    name: 'Audio',
    basePrice: 130,
    nouns: ['Headphones', 'Earbuds', 'Speaker', 'Turntable'],
    zhNouns: ['耳机', '蓝牙音箱', '降噪耳机'],
    tags: ['wireless', 'noise-cancelling', 'bass', 'hifi'],
  },
  {
    department: 'Tech',
    name: 'Cameras',
    basePrice: 400,
    nouns: ['Mirrorless Camera', 'Lens', 'Tripod', 'Action Camera'],
    zhNouns: ['相机', '镜头', '三脚架'],
    tags: ['4k', 'zoom', 'stabilised', 'vlogging'],
  },
  {
    department: 'Tech',
    name: 'Phones',
    basePrice: 350,
    nouns: ['Smartphone', 'Phone Case', 'Charger', 'Power Bank'],
    zhNouns: ['手机', '手机壳', '充电宝'],
    tags: ['5g', 'fast-charging', 'rugged', 'usb-c'],
  },
];

const ADJECTIVES = [
  'Classic',
  'Pro',
  'Lite',
  'Ultra',
  'Everyday',
  'Explorer',
  'Urban',
  'Compact',
  'Premium',
  'Essential',
];
const ZH_ADJECTIVES = ['经典', '专业', '轻便', '超级', '日常', '都市', '高端'];
const BRAND_NAMES = [
  'Northpeak',
  'Lumo',
  'Trailhead',
  'Corvid',
  'Atlas & Co',
  'Brightline',
  'Kestrel',
  'Oakmere',
  '北极星',
  '山川',
  'Veloce',
  'Halden',
  'Sora',
  'Quill',
];
const TIERS = [0.55, 1, 1.9] as const;

/**
 * A believable shop: `size` items over twelve categories, ~14 brands each with a price tier,
 * lognormal prices, English titles and descriptions with some items in Chinese. Deterministic:
 * the same (seed, size) gives the same catalog. Item ids are `p0001`…; the catalog's order is
 * its popularity order within each category (the simulator favours earlier items).
 */
export function generateCatalog(seed: number, size: number): Catalog {
  const rng = createRng(seed);
  const brands = BRAND_NAMES.map((name, i) => ({
    name,
    tier: TIERS[i % 3] ?? 1,
    categories: [0, 1, 2, 3].map(() => rng.int(0, CATEGORY_SPECS.length - 1)),
  }));
  const items: CatalogItem[] = [];
  for (let i = 0; i < size; i++) {
    const cat = i % CATEGORY_SPECS.length;
    const spec = CATEGORY_SPECS[cat];
    if (spec === undefined) continue;
    const makers = brands.filter((b) => b.categories.includes(cat));
    const brand = rng.pick(makers.length > 0 ? makers : brands);
    const price =
      Math.round(spec.basePrice * brand.tier * Math.exp(0.25 * rng.normal()) * 100) / 100;
    const chinese = rng.chance(0.15);
    const tags = [rng.pick(spec.tags), rng.pick(spec.tags)].filter((t, j, a) => a.indexOf(t) === j);
    const noun = rng.pick(spec.nouns);
    const title = chinese
      ? `${brand.name} ${rng.pick(ZH_ADJECTIVES)}${rng.pick(spec.zhNouns)}`
      : `${brand.name} ${rng.pick(ADJECTIVES)} ${noun}`;
    const description = chinese
      ? `这款${rng.pick(spec.zhNouns)}做工精细，适合${spec.department === 'Sport' ? '户外运动' : '日常使用'}。`
      : `A ${tags.join(', ')} ${noun.toLowerCase()} from ${brand.name}, made for ${spec.name.toLowerCase()} lovers.`;
    items.push({
      id: `p${String(i + 1).padStart(4, '0')}`,
      title,
      categories: [spec.department, spec.name],
      brand: brand.name,
      price,
      currency: 'EUR',
      url: `/product/p${String(i + 1).padStart(4, '0')}`,
      inStock: rng.chance(0.95),
      tags,
      description,
    });
  }
  return { version: `generated-${seed}-${size}`, currency: 'EUR', items };
}
