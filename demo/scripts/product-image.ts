/** Product images as small SVG files: no external assets, yet each product looks distinct. */

/** Pictograms drawn in a 200×200 box, stroked/filled with `currentColor`. */
const ICONS: Record<string, string> = {
  shoe: '<path d="M20 130 C20 100 40 95 60 95 L85 60 C95 70 110 78 130 80 C160 84 185 100 185 130 L185 145 L20 145 Z" fill="currentColor"/><rect x="20" y="145" width="165" height="12" rx="6" fill="currentColor" opacity=".55"/>',
  tent: '<path d="M100 30 L185 165 L15 165 Z" fill="currentColor"/><path d="M100 80 L130 165 L70 165 Z" fill="#fff" opacity=".55"/>',
  pot: '<rect x="35" y="75" width="130" height="85" rx="14" fill="currentColor"/><rect x="25" y="62" width="150" height="16" rx="8" fill="currentColor" opacity=".7"/><rect x="5" y="90" width="34" height="12" rx="6" fill="currentColor"/><rect x="161" y="90" width="34" height="12" rx="6" fill="currentColor"/>',
  cup: '<path d="M40 60 H150 V125 C150 150 130 165 95 165 C60 165 40 150 40 125 Z" fill="currentColor"/><path d="M150 78 C185 78 185 128 150 128" stroke="currentColor" stroke-width="12" fill="none"/><path d="M75 25 C65 38 85 42 75 52 M105 25 C95 38 115 42 105 52" stroke="currentColor" stroke-width="6" fill="none" opacity=".6"/>',
  headphones:
    '<path d="M35 120 V100 C35 55 165 55 165 100 V120" stroke="currentColor" stroke-width="14" fill="none"/><rect x="22" y="110" width="38" height="60" rx="14" fill="currentColor"/><rect x="140" y="110" width="38" height="60" rx="14" fill="currentColor"/>',
  laptop:
    '<rect x="40" y="45" width="120" height="85" rx="8" fill="currentColor"/><rect x="50" y="55" width="100" height="65" rx="4" fill="#fff" opacity=".5"/><path d="M20 140 H180 L170 158 H30 Z" fill="currentColor"/>',
  bottle:
    '<rect x="82" y="20" width="36" height="30" rx="6" fill="currentColor" opacity=".7"/><rect x="60" y="50" width="80" height="125" rx="22" fill="currentColor"/><rect x="72" y="95" width="56" height="40" rx="6" fill="#fff" opacity=".55"/>',
  book: '<path d="M100 50 C80 38 50 36 25 42 V165 C50 158 80 160 100 172 C120 160 150 158 175 165 V42 C150 36 120 38 100 50 Z" fill="currentColor"/><path d="M100 50 V172" stroke="#fff" stroke-width="4" opacity=".6"/>',
  dice: '<rect x="40" y="40" width="120" height="120" rx="22" fill="currentColor"/><circle cx="72" cy="72" r="11" fill="#fff"/><circle cx="100" cy="100" r="11" fill="#fff"/><circle cx="128" cy="128" r="11" fill="#fff"/>',
  plant:
    '<path d="M65 120 H135 L125 175 H75 Z" fill="currentColor"/><path d="M100 120 C100 80 60 75 45 45 C85 45 100 75 100 120 C100 70 130 50 160 40 C155 80 120 90 100 120" fill="currentColor" opacity=".75"/>',
  bike: '<circle cx="50" cy="130" r="32" stroke="currentColor" stroke-width="10" fill="none"/><circle cx="150" cy="130" r="32" stroke="currentColor" stroke-width="10" fill="none"/><path d="M50 130 L85 75 H135 L150 130 M85 75 L100 130 L135 75 M78 60 H98 M135 75 L130 55 H148" stroke="currentColor" stroke-width="8" fill="none" stroke-linejoin="round"/>',
  dumbbell:
    '<rect x="25" y="60" width="28" height="80" rx="6" fill="currentColor"/><rect x="147" y="60" width="28" height="80" rx="6" fill="currentColor"/><rect x="8" y="75" width="20" height="50" rx="5" fill="currentColor" opacity=".7"/><rect x="172" y="75" width="20" height="50" rx="5" fill="currentColor" opacity=".7"/><rect x="50" y="92" width="100" height="16" rx="4" fill="currentColor"/>',
  tee: '<path d="M60 30 L25 55 L42 85 L60 75 V170 H140 V75 L158 85 L175 55 L140 30 C130 45 70 45 60 30 Z" fill="currentColor"/>',
  sleepingbag:
    '<rect x="55" y="20" width="90" height="160" rx="40" fill="currentColor"/><rect x="70" y="35" width="60" height="40" rx="20" fill="#fff" opacity=".5"/>',
  flame:
    '<path d="M100 20 C130 60 150 80 150 120 C150 150 128 175 100 175 C72 175 50 150 50 120 C50 95 65 80 75 65 C78 90 88 100 95 100 C85 70 95 40 100 20 Z" fill="currentColor"/>',
  knife:
    '<path d="M20 120 L150 40 C170 30 185 45 175 60 L70 135 Z" fill="currentColor"/><rect x="15" y="118" width="70" height="22" rx="8" transform="rotate(-32 50 129)" fill="currentColor" opacity=".7"/>',
  bowl: '<path d="M20 85 H180 C180 135 145 165 100 165 C55 165 20 135 20 85 Z" fill="currentColor"/><rect x="15" y="75" width="170" height="14" rx="7" fill="currentColor" opacity=".7"/>',
  grinder:
    '<rect x="60" y="70" width="80" height="100" rx="10" fill="currentColor"/><path d="M70 70 L80 40 H120 L130 70 Z" fill="currentColor" opacity=".7"/><path d="M100 40 V22 H150" stroke="currentColor" stroke-width="8" fill="none"/><circle cx="152" cy="22" r="9" fill="currentColor"/>',
  teapot:
    '<ellipse cx="95" cy="115" rx="60" ry="50" fill="currentColor"/><path d="M150 105 L185 75" stroke="currentColor" stroke-width="12"/><path d="M40 95 C10 95 10 140 40 140" stroke="currentColor" stroke-width="10" fill="none"/><circle cx="95" cy="60" r="10" fill="currentColor"/>',
  earbuds:
    '<circle cx="65" cy="80" r="30" fill="currentColor"/><rect x="52" y="95" width="22" height="75" rx="11" fill="currentColor"/><circle cx="135" cy="80" r="30" fill="currentColor" opacity=".75"/><rect x="126" y="95" width="22" height="75" rx="11" fill="currentColor" opacity=".75"/>',
  speaker:
    '<rect x="50" y="20" width="100" height="160" rx="14" fill="currentColor"/><circle cx="100" cy="120" r="32" fill="#fff" opacity=".5"/><circle cx="100" cy="58" r="14" fill="#fff" opacity=".5"/>',
  desk: '<rect x="15" y="70" width="170" height="16" rx="4" fill="currentColor"/><rect x="30" y="86" width="12" height="85" fill="currentColor"/><rect x="158" y="86" width="12" height="85" fill="currentColor"/><rect x="60" y="30" width="60" height="40" rx="4" fill="currentColor" opacity=".6"/>',
  lamp: '<path d="M60 25 H140 L160 85 H40 Z" fill="currentColor"/><rect x="94" y="85" width="12" height="70" fill="currentColor"/><rect x="55" y="155" width="90" height="16" rx="6" fill="currentColor"/>',
  jar: '<rect x="45" y="55" width="110" height="115" rx="24" fill="currentColor"/><rect x="55" y="30" width="90" height="30" rx="8" fill="currentColor" opacity=".7"/><rect x="65" y="95" width="70" height="35" rx="6" fill="#fff" opacity=".5"/>',
  dropper:
    '<rect x="65" y="80" width="70" height="95" rx="14" fill="currentColor"/><rect x="88" y="45" width="24" height="40" fill="currentColor" opacity=".7"/><ellipse cx="100" cy="35" rx="18" ry="22" fill="currentColor"/>',
  map: '<path d="M20 45 L70 25 L130 45 L180 25 V155 L130 175 L70 155 L20 175 Z" fill="currentColor"/><path d="M70 25 V155 M130 45 V175" stroke="#fff" stroke-width="4" opacity=".5"/>',
  puzzle:
    '<path d="M30 60 H80 C75 40 125 40 120 60 H170 V110 C190 105 190 145 170 140 V175 H30 V140 C50 145 50 105 30 110 Z" fill="currentColor"/>',
  blocks:
    '<rect x="25" y="110" width="70" height="65" rx="6" fill="currentColor"/><rect x="105" y="110" width="70" height="65" rx="6" fill="currentColor" opacity=".7"/><rect x="65" y="40" width="70" height="65" rx="6" fill="currentColor" opacity=".85"/>',
  trowel:
    '<path d="M100 20 C140 50 140 100 100 125 C60 100 60 50 100 20 Z" fill="currentColor"/><rect x="92" y="120" width="16" height="60" rx="8" fill="currentColor" opacity=".7"/>',
  leaf: '<path d="M40 170 C40 80 90 30 170 30 C170 110 120 160 40 170 Z" fill="currentColor"/><path d="M40 170 L130 70" stroke="#fff" stroke-width="5" opacity=".5"/>',
  light:
    '<rect x="40" y="70" width="90" height="60" rx="20" fill="currentColor"/><path d="M130 80 L185 55 V145 L130 120 Z" fill="currentColor" opacity=".5"/>',
  helmet:
    '<path d="M20 130 C20 60 70 30 110 30 C160 30 185 80 185 130 Z" fill="currentColor"/><path d="M60 60 L90 100 M100 45 L120 100 M140 55 L150 100" stroke="#fff" stroke-width="8" opacity=".5"/><rect x="15" y="128" width="175" height="14" rx="7" fill="currentColor" opacity=".7"/>',
  mat: '<rect x="20" y="100" width="130" height="60" rx="8" fill="currentColor" opacity=".7"/><circle cx="150" cy="120" r="40" fill="currentColor"/><circle cx="150" cy="120" r="18" fill="#fff" opacity=".5"/>',
  kettlebell:
    '<path d="M65 80 C55 20 145 20 135 80" stroke="currentColor" stroke-width="16" fill="none"/><circle cx="100" cy="125" r="52" fill="currentColor"/>',
};

/** Sub-categories with their own pictogram; the others use their department's. */
export const SUBCATEGORY_ICONS: Record<string, string> = {
  'Running apparel': 'tee',
  'Sleeping gear': 'sleepingbag',
  'Camp kitchen': 'flame',
  Knives: 'knife',
  Baking: 'bowl',
  Grinders: 'grinder',
  Tea: 'teapot',
  Earbuds: 'earbuds',
  Speakers: 'speaker',
  Desks: 'desk',
  Lighting: 'lamp',
  Moisturisers: 'jar',
  Serums: 'dropper',
  Travel: 'map',
  Puzzles: 'puzzle',
  'Building toys': 'blocks',
  Tools: 'trowel',
  Seeds: 'leaf',
  'Bike accessories': 'light',
  Helmets: 'helmet',
  Yoga: 'mat',
  Cardio: 'kettlebell',
};

/** FNV-1a: a stable per-product number for its colour and pattern. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** An SVG image for one product: department pictogram on a tinted, patterned background. */
export function productSvg(id: string, icon: string, baseHue: number): string {
  const h = hash(id);
  const hue = (baseHue + ((h % 41) - 20) + 360) % 360;
  const light = 88 + (h % 7);
  const pattern = (h >>> 8) % 3;
  const bg = `hsl(${hue} 55% ${light}%)`;
  const fg = `hsl(${hue} 45% ${30 + ((h >>> 4) % 14)}%)`;
  const deco =
    pattern === 0
      ? `<circle cx="330" cy="70" r="110" fill="hsl(${hue} 60% ${light - 8}%)"/>`
      : pattern === 1
        ? `<rect x="-40" y="290" width="480" height="160" transform="rotate(-12 200 360)" fill="hsl(${hue} 60% ${light - 8}%)"/>`
        : `<circle cx="60" cy="340" r="120" fill="hsl(${hue} 60% ${light - 8}%)"/>`;
  const glyph = ICONS[icon] ?? ICONS['dice'] ?? '';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 400" role="img">` +
    `<rect width="400" height="400" fill="${bg}"/>${deco}` +
    `<g transform="translate(80 80) scale(1.2)" color="${fg}">${glyph}</g></svg>\n`
  );
}
