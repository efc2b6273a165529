import { profileService } from './profile-service.ts';
import type { WorkerService } from './services.ts';

/**
 * The services the worker runs, in the order their hooks are asked. Plug a service in by adding
 * its factory call here (e.g. `profileService()`, `modelService()`).
 */
export function createServices(): WorkerService[] {
  return [profileService()];
}
