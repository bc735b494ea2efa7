// Core code must run in plain Node: linted as if it lived in src/main/core, this import must be refused.
import { app } from 'electron';

export const dataDir = app.getPath('userData');
