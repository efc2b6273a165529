// The widgets bundle (dist/widgets.js): load it next to insitu.js and use the elements in HTML.
// <insitu-profile>'s code is a lazy chunk, fetched when the element first connects.
import { defineProfile } from './profile-element.ts';
import { definePromo } from './promo-element.ts';
import { defineRecommendations } from './recommendations-element.ts';

export { InsituRecommendations, defineRecommendations } from './recommendations-element.ts';
export type { TransformItems } from './recommendations-element.ts';
export type { RenderContext, RenderItem } from './render-item.ts';
export { InsituPromo, definePromo } from './promo-element.ts';
export { InsituProfile, defineProfile } from './profile-element.ts';
export { safeUrl } from './safe-url.ts';

defineRecommendations();
definePromo();
defineProfile();
