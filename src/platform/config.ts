import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';

/**
 * Configuration comes from the environment only, validated once at start-up.
 * A bad value must stop the process with one line that names the variable,
 * so that an admin deploying at 2 a.m. is not handed a stack trace.
 */
const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
/** auto: readable lines in a terminal outside production, JSON lines otherwise (see logger.ts). */
const logFormats = ['auto', 'readable', 'json'] as const;

const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);

/** A whole number within bounds, with one message that says them all. */
function wholeNumber(unit: string, min: number, max: number, fallback: number) {
  const message = `must be a whole number of ${unit} from ${min} to ${max}`;
  return z.preprocess(
    emptyAsUndefined,
    z.coerce.number({ error: message }).int(message).min(min, message).max(max, message).default(fallback),
  );
}

/** How long a story that is not published, and whose teller did not ask for it to be kept, is kept (ADR 063). */
const storiesKeepingDays = wholeNumber('days', 30, 3650, 730);

/**
 * STORIES_KEEP_UNPUBLISHED_DAYS alone, for platform/retention.ts, which the privacy notice and the purge read
 * without the whole configuration; loadConfig has already refused a bad value at start.
 */
export function storiesKeepingDaysOf(env: NodeJS.ProcessEnv = process.env): number {
  const parsed = storiesKeepingDays.safeParse(env.STORIES_KEEP_UNPUBLISHED_DAYS);
  return parsed.success ? (parsed.data as number) : 730;
}

const envSchema = z.object({
  NODE_ENV: z.preprocess(emptyAsUndefined, z.enum(['development', 'production', 'test']).default('development')),
  PORT: z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number({ error: 'must be a whole number between 0 and 65535' })
      .int('must be a whole number between 0 and 65535')
      .min(0, 'must be a whole number between 0 and 65535')
      .max(65535, 'must be a whole number between 0 and 65535')
      .default(3000),
  ),
  HOST: z.preprocess(emptyAsUndefined, z.string().default('0.0.0.0')),
  DATABASE_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .refine((v) => /^postgres(ql)?:\/\//.test(v), 'must start with postgres:// or postgresql://')
      .refine((v) => URL.canParse(v), 'is not a valid URL')
      .optional(),
  ),
  DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default('./data')),
  PUBLIC_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .refine((v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol), 'must be an http:// or https:// URL')
      .transform((v) => v.replace(/\/+$/, ''))
      .optional(),
  ),
  SECRET_KEY: z.preprocess(emptyAsUndefined, z.string().min(32, 'must be at least 32 characters long').optional()),
  SMTP_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .refine((v) => URL.canParse(v) && /^smtps?:$/.test(new URL(v).protocol), 'must be an smtp:// or smtps:// URL')
      .optional(),
  ),
  LOG_LEVEL: z.preprocess(
    emptyAsUndefined,
    z.enum(logLevels, { error: `must be one of ${logLevels.join(', ')}` }).default('info'),
  ),
  LOG_FORMAT: z.preprocess(
    emptyAsUndefined,
    z.enum(logFormats, { error: `must be one of ${logFormats.join(', ')}` }).default('auto'),
  ),
  METRICS_TOKEN: z.preprocess(emptyAsUndefined, z.string().min(16, 'must be at least 16 characters long').optional()),
  PAGE_CACHE_CHECK_MS: z.preprocess(
    emptyAsUndefined,
    z.coerce.number({ error: 'must be a whole number of milliseconds' }).int().min(0).max(60_000).default(1000),
  ),
  TRUST_PROXY: z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number({ error: 'must be the number of proxies in front of the app (0 when none)' })
      .int()
      .min(0)
      .max(10)
      .default(0),
  ),
  WRITES_PER_MINUTE: z.preprocess(
    emptyAsUndefined,
    z.coerce.number({ error: 'must be a whole number of requests' }).int().min(1).max(1_000_000).default(60),
  ),
  API_REQUESTS_PER_MINUTE: z.preprocess(
    emptyAsUndefined,
    z.coerce.number({ error: 'must be a whole number of requests' }).int().min(1).max(1_000_000).default(600),
  ),
  WEB_PROCESSES: z.preprocess(
    emptyAsUndefined,
    z
      .union(
        [
          z.literal('auto'),
          z.coerce
            .number({ error: 'must be a whole number of processes, or auto (one per core)' })
            .int()
            .min(1)
            .max(64),
        ],
        {
          error: 'must be a whole number of processes, or auto (one per core)',
        },
      )
      .default(1),
  ),
  SHUTDOWN_DRAIN_MS: z.preprocess(
    emptyAsUndefined,
    z.coerce.number({ error: 'must be a whole number of milliseconds' }).int().min(0).max(30_000).default(1000),
  ),
  HTTP_HEADERS_TIMEOUT_MS: wholeNumber('milliseconds', 1000, 300_000, 10_000),
  HTTP_REQUEST_TIMEOUT_MS: wholeNumber('milliseconds', 1000, 3_600_000, 120_000),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: wholeNumber('milliseconds', 1000, 600_000, 5000),
  HTTP_MAX_CONNECTIONS: wholeNumber('connections', 1, 1_000_000, 1000),
  UPLOAD_MAX_MB: z.preprocess(
    emptyAsUndefined,
    z.coerce.number({ error: 'must be a number of megabytes' }).min(1).max(200).default(15),
  ),
  SEED_DEMO: z.preprocess(emptyAsUndefined, z.enum(['true', 'false'], { error: 'must be true or false' }).optional()),
  EMAIL_FROM: z.preprocess(emptyAsUndefined, z.string().email('must be an email address').optional()),
  EMAIL_WORKER: z.preprocess(
    emptyAsUndefined,
    z.enum(['inline', 'separate'], { error: 'must be inline or separate' }).default('inline'),
  ),
  EMAIL_MESSAGES_PER_SECOND: z.preprocess(
    emptyAsUndefined,
    z.coerce.number({ error: 'must be a number of messages a second' }).min(0.1).max(100_000).default(50),
  ),
  EMAIL_LEASE_SECONDS: z.preprocess(
    emptyAsUndefined,
    z.coerce.number({ error: 'must be a whole number of seconds' }).int().min(2).max(3600).default(60),
  ),
  EMAIL_CONCURRENCY: z.preprocess(
    emptyAsUndefined,
    z.coerce.number({ error: 'must be a whole number' }).int().min(1).max(200).default(10),
  ),
  EMAIL_WEBHOOK_SECRET: z.preprocess(
    emptyAsUndefined,
    z.string().min(24, 'must be at least 24 characters long').optional(),
  ),
  DKIM_DOMAIN: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, 'must be a domain name')
      .optional(),
  ),
  DKIM_SELECTOR: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^[a-z0-9._-]+$/i, 'must be a DNS label')
      .optional(),
  ),
  DKIM_PRIVATE_KEY: z.preprocess(emptyAsUndefined, z.string().optional()),
  STORIES_KEY_FILE: z.preprocess(emptyAsUndefined, z.string().optional()),
  STORIES_KEEP_UNPUBLISHED_DAYS: storiesKeepingDays,
  CENSUS_GEOCODER_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .refine((v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol), 'must be an http:// or https:// URL')
      .transform((v) => v.replace(/\/+$/, ''))
      .optional(),
  ),
});

export type Config = {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  /** The stories key ring, a file outside the database (ADR 063): STORIES_KEY_FILE, or stories-keys.json in DATA_DIR. */
  storiesKeyFile: string;
  /** STORIES_KEEP_UNPUBLISHED_DAYS: unpublished stories without consent to keep them are deleted after this. */
  storiesKeepUnpublishedDays: number;
  publicUrl: string;
  secretKey: string;
  smtpUrl: string | undefined;
  logLevel: (typeof logLevels)[number];
  logFormat: (typeof logFormats)[number];
  metricsToken: string | undefined;
  pageCacheCheckMs: number;
  seedDemo: boolean;
  /** How many proxies in front of the app add to X-Forwarded-For; 0 trusts none. */
  trustProxy: number;
  uploadMaxBytes: number;
  /**
   * What one web process allows its clients, so that it survives slow or idle ones without a proxy
   * in front: the time to send the headers, and the whole request (an upload included); how long an
   * idle keep-alive connection stays open; and how many connections it holds at once (more are closed).
   */
  http: { headersTimeoutMs: number; requestTimeoutMs: number; keepAliveTimeoutMs: number; maxConnections: number };
  /**
   * How many web processes `npm start` runs, sharing one port (node:cluster): 1, or more on
   * PostgreSQL to use every core. Each is stateless; the first process supervises them.
   */
  webProcesses: number;
  /** After SIGTERM, how long to keep serving while /healthz says 503, so a load balancer stops sending first. */
  shutdownDrainMs: number;
  /** Form posts and other writes allowed per client address per minute (also the burst size). */
  writesPerMinute: number;
  /** Requests each API key may make a minute (also the burst size): a sync of 25,000 people takes a minute or two. */
  apiRequestsPerMinute: number;
  /** True when the public URL is https, which turns on HSTS and Secure cookies. */
  secure: boolean;
  email: {
    from: string;
    /** inline: `npm start` runs the worker; separate: `npm run worker` does, on its own. */
    worker: 'inline' | 'separate';
    /** The relay's limit per worker process. */
    messagesPerSecond: number;
    concurrency: number;
    /** How long a worker holds a claimed message before another worker may take it over (it crashed). */
    leaseMs: number;
    /** Shared secret for POST /webhooks/email; without it the webhook is off. */
    webhookSecret: string | undefined;
    dkim: { domainName: string; keySelector: string; privateKey: string } | undefined;
  };
  /**
   * The US Census geocoder's base URL (https://geocoding.geo.census.gov/geocoder), which finds a petition
   * signer's districts from a street address. Off when unset: addresses then leave this server for no one.
   */
  censusGeocoderUrl: string | undefined;
};

/** Never repeated in an error message: the message may end up in a log or a chat. */
const secretVariables = new Set(['SECRET_KEY', 'METRICS_TOKEN', 'EMAIL_WEBHOOK_SECRET', 'DKIM_PRIVATE_KEY']);

/** Thrown for configuration a person must fix; main prints its message alone. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0] ?? 'environment');
    const raw = env[variable];
    const shown = secretVariables.has(variable) || raw === undefined ? '' : ` (got ${JSON.stringify(redactUrl(raw))})`;
    throw new ConfigError(`${variable} ${issue.message}${shown}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.DATA_DIR);
  const publicUrl = e.PUBLIC_URL ?? `http://localhost:${e.PORT}`;
  if (typeof e.WEB_PROCESSES === 'number' && e.WEB_PROCESSES > 1 && !e.DATABASE_URL) {
    throw new ConfigError(
      'WEB_PROCESSES above 1 needs DATABASE_URL (PostgreSQL): the embedded database serves one process',
    );
  }
  if (e.HTTP_REQUEST_TIMEOUT_MS < e.HTTP_HEADERS_TIMEOUT_MS) {
    throw new ConfigError(
      'HTTP_REQUEST_TIMEOUT_MS must be at least HTTP_HEADERS_TIMEOUT_MS: the headers are part of the request',
    );
  }
  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir,
    storiesKeyFile: e.STORIES_KEY_FILE ? resolve(e.STORIES_KEY_FILE) : join(dataDir, 'stories-keys.json'),
    storiesKeepUnpublishedDays: e.STORIES_KEEP_UNPUBLISHED_DAYS,
    publicUrl,
    secretKey: e.SECRET_KEY ?? readOrCreateSecretKey(dataDir),
    smtpUrl: e.SMTP_URL,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    metricsToken: e.METRICS_TOKEN,
    pageCacheCheckMs: e.PAGE_CACHE_CHECK_MS,
    seedDemo: e.SEED_DEMO ? e.SEED_DEMO === 'true' : e.NODE_ENV !== 'production',
    trustProxy: e.TRUST_PROXY,
    uploadMaxBytes: Math.round(e.UPLOAD_MAX_MB * 1024 * 1024),
    http: {
      headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS,
      keepAliveTimeoutMs: e.HTTP_KEEP_ALIVE_TIMEOUT_MS,
      maxConnections: e.HTTP_MAX_CONNECTIONS,
    },
    writesPerMinute: e.WRITES_PER_MINUTE,
    apiRequestsPerMinute: e.API_REQUESTS_PER_MINUTE,
    // auto: one per core on PostgreSQL; the embedded database serves one process.
    webProcesses: e.WEB_PROCESSES === 'auto' ? (e.DATABASE_URL ? availableParallelism() : 1) : e.WEB_PROCESSES,
    shutdownDrainMs: e.SHUTDOWN_DRAIN_MS,
    secure: publicUrl.startsWith('https://'),
    email: {
      from: e.EMAIL_FROM ?? `no-reply@${new URL(publicUrl).hostname}`,
      worker: e.EMAIL_WORKER,
      messagesPerSecond: e.EMAIL_MESSAGES_PER_SECOND,
      concurrency: e.EMAIL_CONCURRENCY,
      leaseMs: e.EMAIL_LEASE_SECONDS * 1000,
      webhookSecret: e.EMAIL_WEBHOOK_SECRET,
      dkim: dkimSettings(e.DKIM_DOMAIN, e.DKIM_SELECTOR, e.DKIM_PRIVATE_KEY),
    },
    censusGeocoderUrl: e.CENSUS_GEOCODER_URL,
  };
}

/** DKIM needs all three settings; the key may be given as PEM text or as the path of a PEM file. */
function dkimSettings(domainName?: string, keySelector?: string, key?: string): Config['email']['dkim'] {
  const given = [domainName, keySelector, key].filter((v) => v !== undefined).length;
  if (given === 0) return undefined;
  if (given < 3)
    throw new ConfigError('DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY must be set together (or none of them)');
  let privateKey = key!.replace(/\\n/g, '\n');
  if (!privateKey.includes('-----BEGIN')) {
    if (!existsSync(privateKey))
      throw new ConfigError('DKIM_PRIVATE_KEY must be a PEM private key or the path of a file holding one');
    privateKey = readFileSync(privateKey, 'utf8');
  }
  if (!/-----BEGIN (RSA |EC )?PRIVATE KEY-----/.test(privateKey))
    throw new ConfigError('DKIM_PRIVATE_KEY does not hold a PEM private key');
  return { domainName: domainName!, keySelector: keySelector!, privateKey };
}

/**
 * Without SECRET_KEY we make one and keep it beside the data, so sessions and
 * signed links survive restarts. It lives in the data directory, which is
 * never committed (see .gitignore).
 */
function readOrCreateSecretKey(dataDir: string): string {
  const file = join(dataDir, 'secret-key');
  if (existsSync(file)) {
    const key = readFileSync(file, 'utf8').trim();
    if (key.length >= 32) return key;
    throw new ConfigError(`SECRET_KEY is unset and ${file} holds a key shorter than 32 characters`);
  }
  try {
    mkdirSync(dataDir, { recursive: true });
    const key = randomBytes(32).toString('base64url');
    writeFileSync(file, key + '\n', { mode: 0o600, flag: 'wx' });
    return key;
  } catch (error) {
    throw new ConfigError(
      `DATA_DIR ${dataDir} is not writable, so no SECRET_KEY could be kept there: ${(error as Error).message}`,
    );
  }
}

/** Hides the password in a connection URL before it is shown anywhere. */
export function redactUrl(value: string): string {
  if (!URL.canParse(value)) return value;
  const url = new URL(value);
  if (url.password) url.password = '***';
  return url.toString();
}
