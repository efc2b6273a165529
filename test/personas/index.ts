/**
 * The persona simulator: a generated shop and shoppers with known tastes, budgets and rhythms.
 * Used by the profile tests, the demo (the shop's historical logs) and the model tests.
 */
export { generateCatalog, CATEGORY_SPECS } from './catalog.ts';
export { PERSONAS, randomPersonas } from './personas.ts';
export type { Persona } from './personas.ts';
export { simulateShopper, simulateShoppers } from './simulate.ts';
export type { TrackedEvent, SimulatedShopper, SimulationOptions } from './simulate.ts';
export { toJsonl, shoppersToJsonl, toInteractionsCsv } from './formats.ts';
export { toStoredEvents } from './stored.ts';
export { createRng } from './random.ts';
export type { Rng } from './random.ts';
