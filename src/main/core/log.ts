// A module-scoped logger on pino that redacts secrets by construction: values under secret-looking keys
// (core/secrets.ts, shared with the audit guard) and strings shaped like bearer tokens or JWTs never
// reach the output, whatever the caller passes. Errors keep their stack and cause chain, redacted the
// same way: the app tells agents "details are in the log". Everything runs in-process and synchronously
// (no pino transports or worker threads): Electron's main process and the browser host both use it.
import { mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pino, type Logger as PinoLogger } from 'pino';
import { prettyFactory } from 'pino-pretty';
import { isSecretEntry } from './secrets';

const JWT = /\beyJ[\w-]{6,}\.[\w-]{6,}\.[\w-]*/g;
const BEARER = /\b(Bearer|HMAC-SHA256)\s+[^\s,;]+/gi;

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** Receives each entry as one JSON line (no newline): `{"level":"warn","time":"…","module":"…",…,"msg":"…"}`. */
export type LogSink = (line: string) => void;

let sink: LogSink = (line) => process.stderr.write(line + '\n');

function envLevel(): LogLevel {
  const wanted = process.env.RESETLINE_LOG_LEVEL;
  return LEVELS.find((l) => l === wanted) ?? 'info';
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

/** The pattern pass: secret-looking keys at any depth, token-shaped strings anywhere, errors made plain. */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.replace(JWT, '[redacted-jwt]').replace(BEARER, '$1 [redacted]');
  if (value === null || typeof value !== 'object') return value;
  if (depth > MAX_DEPTH) return '[deep]';
  if (value instanceof Error) return redactError(value, depth);
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  return redactEntries(Object.entries(value), depth);
}

/**
 * Fixed places that always hold a credential although their key does not look like one (an Azure
 * Communication Services connection string carries the access key): pino censors them as it writes
 * the line, after the pattern pass.
 */
export const REDACT_PATHS: readonly string[] = ['connectionString', '*.connectionString', '*.*.connectionString'];

/** The one pino logger; every module's logger is a child of it, so a new level reaches them all. */
const root: PinoLogger = pino(
  {
    level: envLevel(),
    base: null,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: {
      level: (label) => ({ level: label }),
      log: (fields) => redact(fields) as Record<string, unknown>,
    },
    hooks: {
      // The message (and any printf argument) goes through the same pattern pass as the fields.
      logMethod(args, method) {
        const redacted = args.map((a: unknown) => (typeof a === 'string' ? redact(a) : a));
        method.apply(this, redacted as Parameters<typeof method>);
      },
    },
    redact: { paths: [...REDACT_PATHS], censor: '[redacted]' },
  },
  { write: (line: string) => sink(line.endsWith('\n') ? line.slice(0, -1) : line) },
);

/** Tests and hosts redirect output here; the default writes JSON lines to stderr. */
export function setLogSink(next: LogSink, level: LogLevel = root.level as LogLevel): void {
  sink = next;
  root.level = level;
}

export function createLogger(module: string): Logger {
  const log = root.child({ module });
  return {
    debug: (m, f) => log.debug(f ?? {}, m),
    info: (m, f) => log.info(f ?? {}, m),
    warn: (m, f) => log.warn(f ?? {}, m),
    error: (m, f) => log.error(f ?? {}, m),
  };
}

/**
 * One JSON entry as a person reads it in a terminal, by pino-pretty's own formatter called in-process
 * (its stream form pipes through worker-free but asynchronous streams, so a crash could lose the last
 * lines): "[11:46:01] WARN: runtime: database migrated {"from":0,"to":80}", an error's stack below.
 */
function readableLines(colorize: boolean): (json: string) => string {
  const pretty = prettyFactory({
    colorize,
    translateTime: 'SYS:HH:MM:ss',
    singleLine: true,
    ignore: 'module',
    messageFormat: '{module}: {msg}',
  });
  return (json) => pretty(json).trimEnd();
}

/** Above this, the log file is moved to resetline.log.1 (one old file kept) and a new one begun. */
export const LOG_FILE_MAX_BYTES = 5 * 1024 * 1024;

/**
 * The app's own logging (Electron main and `npm start`'s browser host): pino's JSON lines to
 * `<data>/logs/resetline.log` (owner-only, rotated at LOG_FILE_MAX_BYTES) and the same entries to the
 * console as pino-pretty's readable lines (coloured on a terminal when no console is given). Returns
 * the log file's path, shown in About and in "details are in the log".
 */
export function logToFileAndConsole(dataDir: string, console?: (line: string) => void): string {
  const dir = join(dataDir, 'logs');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, 'resetline.log');
  const out = pino.destination({ dest: file, sync: true, append: true, mode: 0o600 });
  let size = statSync(file).size;
  const readable = readableLines(console === undefined && process.stderr.isTTY);
  const toConsole = console ?? ((l: string) => process.stderr.write(l + '\n'));
  setLogSink((line) => {
    const bytes = Buffer.byteLength(line, 'utf8') + 1;
    if (size + bytes > LOG_FILE_MAX_BYTES && size > 0) {
      renameSync(file, `${file}.1`);
      out.reopen();
      size = 0;
    }
    out.write(line + '\n');
    size += bytes;
    toConsole(readable(line));
  }, envLevel());
  return file;
}
