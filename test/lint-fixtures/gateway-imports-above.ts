// The Graph gateway calls nothing back up: linted as src/main/core/graph/users.ts, the imports of
// core/auth, core/verify, core/call and core/store (lines 9 to 12) are refused; src/shared, core/log,
// core/net, the gateway's own files and Microsoft's vendored Graph metadata (lines 4 to 8) are not.
import { ResetlineError } from '../../../shared/result';
import { createLogger } from '../log';
import { sleep } from '../net/sleep';
import { mapGraphError } from './errors';
import cloudPaths from '../../../../vendor/microsoft-graph/cloud-paths.json';
import { mapMsalError } from '../auth/agentAuth';
import { withholdFromSummary } from '../verify/cardFields';
import { SIGNED_OUT_REASON } from '../call/state';
import { openDatabase } from '../store/database';

export const leaked = [
  ResetlineError,
  createLogger,
  sleep,
  mapGraphError,
  cloudPaths,
  mapMsalError,
  withholdFromSummary,
  SIGNED_OUT_REASON,
  openDatabase,
];
