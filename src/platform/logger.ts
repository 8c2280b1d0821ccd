import { AsyncLocalStorage } from 'node:async_hooks';
import { pino, type Logger } from 'pino';
import { describeError, safeErrorMessage } from './log-errors.ts';
import { readableLogLines } from './readable-log.ts';

export type { Logger };

/**
 * Personal data never reaches a log line. Code should not log it in the first
 * place; these paths are the safety net for when someone does by mistake.
 */
const personalFields = [
  'email',
  'phone',
  'address',
  'street',
  'zip',
  'postalCode',
  'givenName',
  'familyName',
  'name',
  'password',
  'story',
  'body',
  'comment',
  'token',
  'ip',
];
// Top-level and one level down: deeper wildcards cost more per line than the whole rest of a cached page.
export const redactPaths = [
  ...personalFields,
  ...personalFields.map((f) => `*.${f}`),
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
];

/**
 * The request a line is logged for. Every line written while handling a
 * request carries its id, without a child logger built for each request
 * (which would cost more than the rest of serving a cached page).
 */
export const logContext = new AsyncLocalStorage<{ requestId: string }>();

/**
 * Readable lines for a person at a terminal, JSON lines for everything else:
 * `LOG_FORMAT` says which, or `auto` decides: readable when standard output is
 * a terminal and this is not production (where a terminal may well be a
 * container's, read by a collector).
 */
export function logsAreReadable(
  config: { logFormat: 'auto' | 'readable' | 'json'; nodeEnv: string },
  isTerminal = process.stdout.isTTY === true,
): boolean {
  if (config.logFormat !== 'auto') return config.logFormat === 'readable';
  return isTerminal && config.nodeEnv !== 'production';
}

export function createLogger(options: {
  level: string;
  /** Readable lines (readable-log.ts) instead of JSON; by default, when standard output is a terminal. */
  pretty?: boolean;
  destination?: pino.DestinationStream;
}): Logger {
  const base: pino.LoggerOptions = {
    level: options.level,
    redact: { paths: redactPaths, censor: '[redacted]' },
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin: () => logContext.getStore() ?? {},
    serializers: { err: describeError, error: describeError },
    hooks: { logMethod: withSafeMessage },
  };
  if (options.destination) return pino(base, options.destination);
  const pretty = options.pretty ?? process.stdout.isTTY === true;
  if (pretty) return pino(base, readableLogLines());
  // Asynchronous writes keep a slow log reader from stalling requests; main flushes on exit.
  return pino(base, pino.destination({ dest: 1, sync: false }));
}

/**
 * pino takes a line's message from its error when none is given
 * (`logger.error(err)`, `logger.error({ err })`): a database error's message
 * would then print the statement's parameters despite the serializer.
 */
function withSafeMessage(this: Logger, args: unknown[], method: (...args: unknown[]) => void): void {
  const [first, second] = args;
  if (typeof second !== 'string' && first !== null && typeof first === 'object') {
    const err = first instanceof Error ? first : (first as { err?: unknown }).err;
    if (err instanceof Error) {
      method.apply(this, [first, safeErrorMessage(err), ...args.slice(1)]);
      return;
    }
  }
  method.apply(this, args);
}
