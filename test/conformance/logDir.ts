// Where the app's Graph requests are traced during `npm test` (vitest.config.mts and
// playwright.config.ts set RESETLINE_GRAPH_LOG_DIR to it; `npm test` empties it first).
import { resolve } from 'node:path';

export const GRAPH_LOG_DIR = resolve(__dirname, '../../node_modules/.cache/resetline-graph-log');
