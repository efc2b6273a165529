/** The repository root. */
export const repoRoot: string;
/** The built demo site, ready for a static server. */
export const demoDist: string;
/** Builds the SDK into packages/sdk/dist. */
export function buildSdk(): void;
/** True when the SDK's snippet and loader are built. */
export function sdkBuilt(): boolean;
/** Persona logs → `insitu build` → demo model artifact; false when not available yet. */
export function buildModel(): boolean;
/** Generates data, copies the SDK, optionally builds the model, builds the storefront. */
export function prepareDemo(options?: { model?: boolean }): void;
