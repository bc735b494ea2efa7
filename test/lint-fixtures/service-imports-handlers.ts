// A service may not reach up into the handler layer: linted as src/main/core/registration/service.ts,
// the import of core/handlers (line 4) is refused; the handler layer itself may (linted there, none is).
import { createLogger } from '../log';
import { requireAgent } from '../handlers/guards';

export const leaked = [createLogger, requireAgent];
