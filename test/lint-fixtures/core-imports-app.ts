// Core may not reach up into the Electron shell: linted as src/main/core/host/leak.ts, both imports of
// src/main/app (lines 4 and 5) are refused; core's own modules (line 3) are not.
import { createLogger } from '../log';
import { registerIpc } from '../../app/ipc';
import { createWindow } from '../../../main/app/window';

export const leaked = [createLogger, registerIpc, createWindow];
