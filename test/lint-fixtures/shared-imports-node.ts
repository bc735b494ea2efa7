// src/shared runs in every process, the renderer included: linted as src/shared, both imports are refused.
import { createHash } from 'node:crypto';
import { ipcMain } from 'electron';

export const used = [createHash, ipcMain];
