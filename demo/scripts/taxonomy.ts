/** The demo shop's departments: everything the catalog generator draws names, prices and tags from. */
export interface Department {
  /** URL slug, also the category page's hash (`category.html#running`). */
  slug: string;
  /** Top-level group, the first entry of an item's `categories`. */
  group: string;
  name: string;
  /** Narrow categories, each with the product nouns it sells. */
  subcategories: Record<string, string[]>;
  brands: string[];
  adjectives: string[];
  tags: string[];
  /** Typical price range in euros. */
  price: [number, number];
  /** Which pictogram the SVG images draw, and the base hue of their palette. */
  icon: string;
  hue: number;
}

/** Twelve departments: enough variety for affinities and segments to mean something. */
export const DEPARTMENTS: Department[] = [
  {
    slug: 'running',
    group: 'Sports',
    name: 'Running',
    icon: 'shoe',
    hue: 18,
    price: [25, 220],
    subcategories: {
      'Trail shoes': ['Trail Runner', 'Mountain Racer', 'Fell Shoe'],
      'Road shoes': ['Road Trainer', 'Tempo Shoe', 'Marathon Flat'],
      'Running apparel': ['Running Tee', 'Split Shorts', 'Wind Shell'],
    },
    brands: ['Stridewell', 'Northpeak', 'Kairo'],
    adjectives: ['Lightweight', 'Cushioned', 'Responsive', 'Breathable'],
    tags: ['trail', 'road', 'marathon', 'lightweight', 'waterproof', 'reflective'],
  },
  {
    slug: 'camping',
    group: 'Outdoors',
    name: 'Camping',
    icon: 'tent',
    hue: 140,
    price: [15, 480],
    subcategories: {
      Tents: ['Dome Tent', 'Tunnel Tent', 'Bivy Shelter'],
      'Sleeping gear': ['Sleeping Bag', 'Air Mat', 'Camp Pillow'],
      'Camp kitchen': ['Camp Stove', 'Titanium Pot', 'Water Filter'],
    },
    brands: ['Northpeak', 'Fjellby', 'Ember & Pine'],
    adjectives: ['Ultralight', 'Four-season', 'Packable', 'Rugged'],
    tags: ['ultralight', 'hiking', 'waterproof', 'backpacking', 'family', 'winter'],
  },
  {
    slug: 'kitchen',
    group: 'Home & Living',
    name: 'Kitchen',
    icon: 'pot',
    hue: 0,
    price: [9, 260],
    subcategories: {
      Cookware: ['Cast Iron Skillet', 'Saucepan', 'Dutch Oven'],
      Knives: ["Chef's Knife", 'Paring Knife', 'Santoku'],
      Baking: ['Loaf Tin', 'Mixing Bowl', 'Proofing Basket'],
    },
    brands: ['Ferro', 'Maison Lune', 'Hakari'],
    adjectives: ['Enamelled', 'Hand-forged', 'Non-stick', 'Classic'],
    tags: ['cast-iron', 'dishwasher-safe', 'induction', 'baking', 'gift', 'professional'],
  },
  {
    slug: 'coffee-tea',
    group: 'Home & Living',
    name: 'Coffee & Tea',
    icon: 'cup',
    hue: 28,
    price: [6, 340],
    subcategories: {
      'Coffee makers': ['Pour-over Dripper', 'Moka Pot', 'French Press'],
      Grinders: ['Burr Grinder', 'Hand Grinder'],
      Tea: ['Loose Leaf Tea', 'Teapot', 'Matcha Set'],
    },
    brands: ['Kaffa', 'Maison Lune', 'Oolong & Co'],
    adjectives: ['Single-origin', 'Ceramic', 'Precision', 'Artisan'],
    tags: ['espresso', 'filter', 'organic', 'ceramic', 'gift', 'matcha'],
  },
  {
    slug: 'audio',
    group: 'Electronics',
    name: 'Audio',
    icon: 'headphones',
    hue: 225,
    price: [19, 420],
    subcategories: {
      Headphones: ['Over-ear Headphones', 'Studio Monitors', 'Open-back Headphones'],
      Earbuds: ['Wireless Earbuds', 'Sport Earbuds'],
      Speakers: ['Bookshelf Speaker', 'Portable Speaker', 'Smart Speaker'],
    },
    brands: ['Sonance', 'Voxa', 'Kairo'],
    adjectives: ['Noise-cancelling', 'Hi-fi', 'Wireless', 'Compact'],
    tags: ['bluetooth', 'noise-cancelling', 'hi-fi', 'portable', 'studio', 'waterproof'],
  },
  {
    slug: 'home-office',
    group: 'Electronics',
    name: 'Home Office',
    icon: 'laptop',
    hue: 200,
    price: [12, 650],
    subcategories: {
      Desks: ['Standing Desk', 'Writing Desk'],
      Lighting: ['Desk Lamp', 'Light Bar'],
      Accessories: ['Mechanical Keyboard', 'Laptop Stand', 'Monitor Arm'],
    },
    brands: ['Voxa', 'Deskwise', 'Lumio'],
    adjectives: ['Ergonomic', 'Minimal', 'Adjustable', 'Solid Oak'],
    tags: ['ergonomic', 'wfh', 'adjustable', 'led', 'wireless', 'minimal'],
  },
  {
    slug: 'beauty',
    group: 'Beauty',
    name: 'Skincare',
    icon: 'bottle',
    hue: 330,
    price: [7, 120],
    subcategories: {
      Moisturisers: ['Day Cream', 'Night Balm', 'Gel Moisturiser'],
      Serums: ['Vitamin C Serum', 'Hyaluronic Serum'],
      Cleansers: ['Foaming Cleanser', 'Cleansing Oil', 'Micellar Water'],
    },
    brands: ['Aurelle', 'Botanica', 'Hanami'],
    adjectives: ['Fragrance-free', 'Hydrating', 'Gentle', 'Brightening'],
    tags: ['vegan', 'sensitive-skin', 'spf', 'organic', 'anti-ageing', 'fragrance-free'],
  },
  {
    slug: 'books',
    group: 'Books',
    name: 'Books',
    icon: 'book',
    hue: 45,
    price: [8, 60],
    subcategories: {
      Fiction: ['Novel', 'Short Stories', 'Mystery'],
      Cookbooks: ['Cookbook', 'Baking Book'],
      Travel: ['Travel Guide', 'Hiking Atlas'],
    },
    brands: ['Paper Crane Press', 'Lighthouse Books', 'Atlas & Ink'],
    adjectives: ['Illustrated', 'Hardcover', 'Pocket', 'Collected'],
    tags: ['bestseller', 'hardcover', 'gift', 'illustrated', 'travel', 'recipes'],
  },
  {
    slug: 'toys-games',
    group: 'Kids',
    name: 'Toys & Games',
    icon: 'dice',
    hue: 275,
    price: [6, 140],
    subcategories: {
      'Board games': ['Strategy Game', 'Party Game', 'Co-op Game'],
      Puzzles: ['Jigsaw Puzzle', 'Brain Teaser'],
      'Building toys': ['Wooden Blocks', 'Marble Run'],
    },
    brands: ['Meeple Works', 'Tinkertown', 'Kairo'],
    adjectives: ['Family', 'Award-winning', 'Wooden', 'Deluxe'],
    tags: ['family', 'strategy', 'wooden', 'educational', 'party', 'gift'],
  },
  {
    slug: 'garden',
    group: 'Outdoors',
    name: 'Garden',
    icon: 'plant',
    hue: 100,
    price: [5, 300],
    subcategories: {
      Tools: ['Pruning Shears', 'Garden Trowel', 'Hori Hori Knife'],
      Planters: ['Terracotta Planter', 'Raised Bed'],
      Seeds: ['Herb Seed Kit', 'Wildflower Seeds'],
    },
    brands: ['Fjellby', 'Greenthumb', 'Botanica'],
    adjectives: ['Stainless', 'Heirloom', 'Weatherproof', 'Compact'],
    tags: ['organic', 'balcony', 'herbs', 'stainless', 'heirloom', 'pollinator'],
  },
  {
    slug: 'cycling',
    group: 'Sports',
    name: 'Cycling',
    icon: 'bike',
    hue: 170,
    price: [12, 1800],
    subcategories: {
      Bikes: ['Gravel Bike', 'City Bike', 'Road Bike'],
      'Bike accessories': ['Bike Light Set', 'Frame Bag', 'Mini Pump'],
      Helmets: ['Road Helmet', 'Commuter Helmet'],
    },
    brands: ['Velora', 'Stridewell', 'Northpeak'],
    adjectives: ['Carbon', 'All-road', 'Urban', 'Aero'],
    tags: ['gravel', 'commute', 'carbon', 'reflective', 'lightweight', 'bikepacking'],
  },
  {
    slug: 'fitness',
    group: 'Sports',
    name: 'Fitness',
    icon: 'dumbbell',
    hue: 355,
    price: [8, 900],
    subcategories: {
      Weights: ['Adjustable Dumbbells', 'Kettlebell', 'Weight Plates'],
      Yoga: ['Yoga Mat', 'Yoga Block', 'Strap Set'],
      Cardio: ['Jump Rope', 'Rowing Machine', 'Spin Bike'],
    },
    brands: ['Kairo', 'Forma', 'Stridewell'],
    adjectives: ['Non-slip', 'Pro', 'Foldable', 'Home-gym'],
    tags: ['yoga', 'strength', 'home-gym', 'non-slip', 'cardio', 'foldable'],
  },
];
