/**
 * The services this server runs, in registration order, and the scope catalog built from what they
 * declare. Adding a service is one line here; the platform learns its scopes from its description.
 */
import { ScopeCatalog } from './platform/auth/scopes.js';
import type { ServiceModule } from './platform/service.js';
import type { SigningPool } from './credentials/signing-pool.js';
import { rosteringService } from './oneroster/rostering/rostering.service.js';
import { registerCourseStructure } from './oneroster/course-structure/course-structure.routes.js';
import { gradebookService } from './oneroster/gradebook/gradebook.service.js';
import { resourcesService } from './oneroster/resources/resources.service.js';
import { clrService } from './clr/clr.service.js';

/** What the application gives every service beyond the platform's deps. */
export interface Shared {
  signing: SigningPool;
}

export const SERVICES: readonly ServiceModule<Shared>[] = [
  {
    ...rosteringService,
    // The platform's course structure is served under the rostering base path (and in its discovery document).
    register(service, shared) {
      rosteringService.register(service, shared);
      registerCourseStructure(service);
    },
  },
  gradebookService,
  resourcesService,
  clrService,
];

export const scopeCatalog = new ScopeCatalog(SERVICES.flatMap(({ info }) => (info.scopes ? [info.scopes] : [])));
