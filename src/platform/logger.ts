import { pino, type Logger } from 'pino';

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
export const redactPaths = [
  ...personalFields,
  ...personalFields.map((f) => `*.${f}`),
  ...personalFields.map((f) => `*.*.${f}`),
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
];

export function createLogger(options: { level: string; pretty?: boolean; destination?: pino.DestinationStream }): Logger {
  const base: pino.LoggerOptions = {
    level: options.level,
    redact: { paths: redactPaths, censor: '[redacted]' },
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  if (options.destination) return pino(base, options.destination);
  const pretty = options.pretty ?? process.stdout.isTTY === true;
  if (pretty) {
    return pino({ ...base, transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss' } } });
  }
  return pino(base);
}
