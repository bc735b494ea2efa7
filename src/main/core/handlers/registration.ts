// Handlers of the Registration and password-age screens (issue 7). PLACEHOLDER: being built; every
// channel answers `unavailable` until core/registration lands.
import { ResetlineError } from '../../../shared/result';
import type { Handlers } from '../host/router';

const notYet = (): never => {
  throw new ResetlineError('unavailable', 'The registration report is not built yet.');
};

export function createRegistrationHandlers(): Pick<Handlers, 'registration'> {
  return {
    registration: {
      startIngest: notYet,
      getIngest: notYet,
      cancelIngest: notYet,
      estimateFallback: notYet,
      list: notYet,
      stats: notYet,
      getUser: notYet,
      passwordAge: notYet,
      startExport: notYet,
      getExport: notYet,
      cancelExport: notYet,
    },
  };
}
