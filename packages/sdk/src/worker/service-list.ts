import { modelService } from './model-service.ts';
import { profileService } from './profile-service.ts';
import type { WorkerService } from './services.ts';

/**
 * The services the worker runs, in the order their hooks are asked. Plug a service in by adding
 * its factory call here (e.g. `profileService()`, `modelService()`).
 */
export function createServices(): WorkerService[] {
  const model = modelService();
  // The profile reads the artifact's segment centroids and intent weights once the model has loaded.
  return [
    profileService({ centroids: () => model.centroids(), intentModel: () => model.intentModel() }),
    model,
  ];
}
