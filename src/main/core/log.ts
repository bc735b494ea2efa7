// A module-scoped logger that redacts secrets by construction: values under secret-looking keys and
// strings shaped like bearer tokens or JWTs never reach the output, whatever the caller passes.

const SECRET_KEY = /pass(word)?|secret|token|code|tap|otp|authorization|cookie|assertion/i;
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
let threshold: LogLevel = (process.env.RESETLINE_LOG_LEVEL as LogLevel | undefined) ?? 'info';

/** Tests and hosts redirect output here; the default writes to stderr. */
export function setLogSink(next: LogSink, level: LogLevel = threshold): void {
  sink = next;
  threshold = level;
}

export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.replace(JWT, '[redacted-jwt]').replace(BEARER, '$1 [redacted]');
  if (value instanceof Error) return { name: value.name, message: redact(value.message, depth + 1) };
  if (value === null || typeof value !== 'object') return value;
  if (depth > 5) return '[deep]';
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) ? '[redacted]' : redact(v, depth + 1);
  return out;
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
