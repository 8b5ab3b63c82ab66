import type { Config } from './config.ts';

/**
 * Structured logs: one JSON object per line, with whatever ids the caller bound (connection id,
 * request id). `child` binds more fields. The sink is injectable so tests can capture or silence.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

const RANK: Record<LogLevel | 'silent', number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export interface LoggerOptions {
  level: Config['logLevel'];
  /** Receives each finished line (without newline). Default: stdout for debug/info, stderr above. */
  sink?: (line: string, level: LogLevel) => void;
  now?: () => number;
}

const defaultSink = (line: string, level: LogLevel) => {
  (level === 'warn' || level === 'error' ? process.stderr : process.stdout).write(line + '\n');
};

export function createLogger(opts: LoggerOptions, bound: LogFields = {}): Logger {
  const min = RANK[opts.level] ?? RANK.info;
  const sink = opts.sink ?? defaultSink;
  const now = opts.now ?? Date.now;
  const write = (level: LogLevel, msg: string, fields?: LogFields) => {
    if (RANK[level] < min) return;
    const record: LogFields = { t: new Date(now()).toISOString(), level, msg, ...bound, ...fields };
    sink(JSON.stringify(record, errorReplacer), level);
  };
  return {
    debug: (msg, f) => write('debug', msg, f),
    info: (msg, f) => write('info', msg, f),
    warn: (msg, f) => write('warn', msg, f),
    error: (msg, f) => write('error', msg, f),
    child: (fields) => createLogger(opts, { ...bound, ...fields }),
  };
}

/** Errors serialise to their message and stack instead of `{}`. */
function errorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  return value;
}

export const silentLogger: Logger = createLogger({ level: 'silent' });
