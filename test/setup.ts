// Vitest setup: the app's logs go nowhere unless RESETLINE_TEST_LOGS=1; tests that check logging install their own sink.
import { setLogSink } from '../src/main/core/log';

if (process.env.RESETLINE_TEST_LOGS !== '1') setLogSink(() => undefined, 'error');
