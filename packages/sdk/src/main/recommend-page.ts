// The page's side of recommend(), loaded with the first call: the request check and the
// unpacking of answers. One lazy chunk, kept out of the script-tag client every page loads.
export { validateRecommendRequest } from '@insitu/core/validate-request';
export { recommendUnpacker } from '@insitu/core/recommend-wire';
