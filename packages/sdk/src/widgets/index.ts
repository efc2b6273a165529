// The widgets bundle (dist/widgets.js): load it next to insitu.js and use the elements in HTML.
import { defineRecommendations } from './recommendations-element.ts';

export { InsituRecommendations, defineRecommendations } from './recommendations-element.ts';

defineRecommendations();
