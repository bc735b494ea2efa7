// A module-scoped logger that redacts secrets by construction: values under secret-looking keys
// (core/secrets.ts, shared with the audit guard) and strings shaped like bearer tokens or JWTs never
// reach the output, whatever the caller passes. Errors keep their stack and cause chain, redacted the
// same way: the app tells agents "details are in the log".
import { closeSync, mkdirSync, openSync, renameSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { isSecretEntry } from './secrets';

const JWT = /\beyJ[\w-]{6,}\.[\w-]{6,}\.[\w-]*/g;
const BEARER = /\b(Bearer|HMAC-SHA256)\s+[^\s,;]+/gi;

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export type LogSink = (line: string) => void;

let sink: LogSink = (line) => process.stderr.write(line + '\n');
const envLevel = (): LogLevel => (process.env.RESETLINE_LOG_LEVEL as LogLevel | undefined) ?? 'info';
let threshold: LogLevel = envLevel();

/** Tests and hosts redirect output here; the default writes to stderr. */
export function setLogSink(next: LogSink, level: LogLevel = threshold): void {
  sink = next;
  threshold = level;
}

/** Deeper than this, a value (or a cause chain) is cut off: it also ends cycles. */
const MAX_DEPTH = 5;

function redactEntries(entries: [string, unknown][], depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries) out[k] = isSecretEntry(k, v) ? '[redacted]' : redact(v, depth + 1);
  return out;
}

/** An error as its name, message, stack, own fields (Graph's `code`, `statusCode`, …) and cause, all redacted. */
function redactError(error: Error, depth: number): Record<string, unknown> {
  const { name, message, stack } = error;
  const fields = Object.entries(error).filter(([k]) => k !== 'cause');
  return {
    name,
    message: redact(message, depth + 1),
    ...(stack === undefined ? {} : { stack: redact(stack, depth + 1) }),
    ...redactEntries(fields, depth),
    ...('cause' in error && error.cause !== undefined ? { cause: redact(error.cause, depth + 1) } : {}),
  };
}

export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.replace(JWT, '[redacted-jwt]').replace(BEARER, '$1 [redacted]');
  if (value === null || typeof value !== 'object') return value;
  if (depth > MAX_DEPTH) return '[deep]';
  if (value instanceof Error) return redactError(value, depth);
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  return redactEntries(Object.entries(value), depth);
}

export function createLogger(module: string): Logger {
  const write = (level: LogLevel, message: string, fields?: Record<string, unknown>) => {
    if (ORDER[level] < ORDER[threshold]) return;
    const entry = {
      t: new Date().toISOString(),
      level,
      module,
      msg: redact(message),
      ...(fields ? (redact(fields) as object) : {}),
    };
    sink(JSON.stringify(entry));
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}

/** One JSON log entry as a person reads it in a terminal: "11:46:01 info  runtime  database migrated  from=0 to=80". */
function humanLine(json: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const { t, level, module, msg, ...fields } = entry;
  const time = typeof t === 'string' ? new Date(t).toLocaleTimeString('en-GB', { hour12: false }) : '';
  const rest = Object.entries(fields)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
  return [time, String(level).padEnd(5), String(module), String(msg), rest].filter((x) => x !== '').join('  ');
}

/** Above this, the log file is moved to resetline.log.1 (one old file kept) and a new one begun. */
export const LOG_FILE_MAX_BYTES = 5 * 1024 * 1024;

/**
 * The app's own logging (Electron main and `npm start`'s browser host): JSON lines to
 * `<data>/logs/resetline.log` (owner-only, rotated at LOG_FILE_MAX_BYTES) and the same entries to the
 * console as readable lines. Returns the log file's path, shown in About and in "details are in the log".
 */
export function logToFileAndConsole(
  dataDir: string,
  console: (line: string) => void = (l) => process.stderr.write(l + '\n'),
): string {
  const dir = join(dataDir, 'logs');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, 'resetline.log');
  let fd = openSync(file, 'a', 0o600);
  let size = statSync(file).size;
  setLogSink((line) => {
    const bytes = Buffer.from(line + '\n', 'utf8');
    if (size + bytes.length > LOG_FILE_MAX_BYTES && size > 0) {
      closeSync(fd);
      renameSync(file, `${file}.1`);
      fd = openSync(file, 'a', 0o600);
      size = 0;
    }
    writeSync(fd, bytes);
    size += bytes.length;
    console(humanLine(line));
  }, envLevel());
  return file;
}
