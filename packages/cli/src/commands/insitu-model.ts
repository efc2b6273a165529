import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FitScorer } from '@insitu/core';
import { fitPopularity } from '@insitu/core';

/** The insitu model's fit for `insitu eval`, and whether it is a stand-in. */
export interface InsituFit {
  fit: FitScorer;
  placeholder: boolean;
}

/**
 * Finds `fitInsitu` in `@insitu/model`. Until the model package exports it, eval runs a clearly
 * labelled placeholder (popularity) in the insitu row so the harness works end to end.
 * SWITCH: once `fitInsitu` lands, replace this with a static `import { fitInsitu } from '@insitu/model'`.
 */
export async function loadInsituFit(): Promise<InsituFit> {
  // The model package's entry may not exist yet; once it does, any import error must surface.
  const entry = new URL('../../../model/src/index.ts', import.meta.url);
  let model: { fitInsitu?: FitScorer } = {};
  if (existsSync(fileURLToPath(entry))) {
    // A non-literal specifier keeps the typecheck green while the entry is missing.
    const specifier = '@insitu/model';
    model = (await import(specifier)) as { fitInsitu?: FitScorer };
  }
  if (typeof model.fitInsitu === 'function') return { fit: model.fitInsitu, placeholder: false };
  const fit: FitScorer = async (data) => ({
    ...(await fitPopularity(data)),
    name: 'insitu-placeholder',
  });
  return { fit, placeholder: true };
}
