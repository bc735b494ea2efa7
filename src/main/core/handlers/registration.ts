// Handlers of the Registration and password-age screens. Thin; the work is in
// core/registration; taking a snapshot and the CSV exports are jobs (handlers/jobs.ts). Every channel,
// the stored snapshot included, is for the roles that may read the registration report
// (shared/roles.ts): a snapshot a Global Administrator took is refused to a Helpdesk Administrator as
// the report itself would be.
import { REGISTRATION_READER_ROLES } from '../../../shared/roles';
import type { Handlers } from '../host/router';
import type { RegistrationService } from '../registration';
import { guardAll, requireRole } from './guards';

export interface RegistrationDeps {
  service: RegistrationService;
}

export function createRegistrationHandlers({ service }: RegistrationDeps): Pick<Handlers, 'registration'> {
  const reader = () => requireRole(service.session, REGISTRATION_READER_ROLES, 'the registration report');
  return {
    registration: guardAll(reader, {
      estimateFallback: () => service.estimateFallback(),
      list: (input) => service.list(input),
      getStats: () => service.stats(),
      getUser: ({ userId }) => service.getUser(userId),
      listPasswordAge: (input) => service.passwordAge(input),
    }),
  };
}
