import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, redactUrl } from './config.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'groundswell-config-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const base = { DATA_DIR: dataDir };

function errorFor(env: Record<string, string>): string {
  try {
    loadConfig({ ...base, ...env });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a configuration error');
}

describe('configuration from the environment', () => {
  it('has working defaults', () => {
    const config = loadConfig(base);
    expect(config).toMatchObject({
      port: 3000,
      databaseUrl: undefined,
      publicUrl: 'http://localhost:3000',
      logLevel: 'info',
      secure: false,
      seedDemo: true,
    });
  });

  it('names the variable and the problem in one line', () => {
    expect(errorFor({ PORT: 'abc' })).toBe('PORT must be a whole number between 0 and 65535 (got "abc")');
    expect(errorFor({ PORT: '70000' })).toMatch(/^PORT must be a whole number/);
    expect(errorFor({ PORT: '3.5' })).toMatch(/^PORT must be a whole number/);
    expect(errorFor({ LOG_LEVEL: 'loud' })).toMatch(/^LOG_LEVEL must be one of fatal, error/);
    expect(errorFor({ PUBLIC_URL: 'ftp://x' })).toMatch(/^PUBLIC_URL must be an http/);
    expect(errorFor({ DATABASE_URL: 'mysql://nope' })).toMatch(/^DATABASE_URL must start with postgres/);
    expect(errorFor({ SMTP_URL: 'http://mail' })).toMatch(/^SMTP_URL must be an smtp/);
    expect(errorFor({ SEED_DEMO: 'yes' })).toMatch(/^SEED_DEMO must be true or false/);
  });

  it('never echoes a secret or a database password', () => {
    expect(errorFor({ SECRET_KEY: 'short-secret' })).toBe('SECRET_KEY must be at least 32 characters long');
    expect(redactUrl('postgres://app:hunter2@db:5432/x')).toBe('postgres://app:***@db:5432/x');
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ ...base, PORT: '', DATABASE_URL: '' })).toMatchObject({ port: 3000, databaseUrl: undefined });
  });

  it('runs several web processes only on PostgreSQL, and auto means one per core there', () => {
    const pg = 'postgres://app@db:5432/x';
    expect(loadConfig(base).webProcesses).toBe(1);
    expect(loadConfig({ ...base, DATABASE_URL: pg, WEB_PROCESSES: '3' }).webProcesses).toBe(3);
    expect(loadConfig({ ...base, DATABASE_URL: pg, WEB_PROCESSES: 'auto' }).webProcesses).toBe(availableParallelism());
    expect(loadConfig({ ...base, WEB_PROCESSES: 'auto' }).webProcesses).toBe(1);
    expect(() => loadConfig({ ...base, WEB_PROCESSES: '2' })).toThrow(
      'WEB_PROCESSES above 1 needs DATABASE_URL (PostgreSQL)',
    );
    expect(() => loadConfig({ ...base, DATABASE_URL: pg, WEB_PROCESSES: 'many' })).toThrow(
      /^WEB_PROCESSES must be a whole number of processes, or auto/,
    );
    expect(() => loadConfig({ ...base, DATABASE_URL: pg, WEB_PROCESSES: '0' })).toThrow(/^WEB_PROCESSES/);
  });

  it('reads the limits on clients, and refuses a request timeout shorter than the header timeout', () => {
    expect(loadConfig(base).http).toEqual({
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 120_000,
      keepAliveTimeoutMs: 5000,
      maxConnections: 1000,
    });
    const set = {
      HTTP_HEADERS_TIMEOUT_MS: '2000',
      HTTP_REQUEST_TIMEOUT_MS: '3000',
      HTTP_KEEP_ALIVE_TIMEOUT_MS: '65000',
      HTTP_MAX_CONNECTIONS: '20',
    };
    expect(loadConfig({ ...base, ...set }).http).toEqual({
      headersTimeoutMs: 2000,
      requestTimeoutMs: 3000,
      keepAliveTimeoutMs: 65_000,
      maxConnections: 20,
    });
    expect(errorFor({ HTTP_HEADERS_TIMEOUT_MS: '500' })).toBe(
      'HTTP_HEADERS_TIMEOUT_MS must be a whole number of milliseconds from 1000 to 300000 (got "500")',
    );
    expect(errorFor({ HTTP_MAX_CONNECTIONS: 'lots' })).toMatch(
      /^HTTP_MAX_CONNECTIONS must be a whole number of connections/,
    );
    expect(errorFor({ HTTP_HEADERS_TIMEOUT_MS: '20000', HTTP_REQUEST_TIMEOUT_MS: '10000' })).toMatch(
      /^HTTP_REQUEST_TIMEOUT_MS must be at least HTTP_HEADERS_TIMEOUT_MS/,
    );
  });

  it('turns on HSTS and secure cookies for an https public URL, and trims its slash', () => {
    expect(loadConfig({ ...base, PUBLIC_URL: 'https://psj.example/' })).toMatchObject({
      publicUrl: 'https://psj.example',
      secure: true,
    });
  });

  it('generates a secret key once, keeps it private in the data directory, and reuses it', () => {
    const first = loadConfig(base).secretKey;
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(loadConfig(base).secretKey).toBe(first);
    const file = join(dataDir, 'secret-key');
    expect(readFileSync(file, 'utf8').trim()).toBe(first);
    expect(statSync(file).mode & 0o077).toBe(0);
    expect(loadConfig({ ...base, SECRET_KEY: 'x'.repeat(40) }).secretKey).toBe('x'.repeat(40));
  });

  it('does not seed demo content in production unless asked', () => {
    expect(loadConfig({ ...base, NODE_ENV: 'production' }).seedDemo).toBe(false);
    expect(loadConfig({ ...base, NODE_ENV: 'production', SEED_DEMO: 'true' }).seedDemo).toBe(true);
  });

  it('reads the email settings, and DKIM only as a complete set', () => {
    const config = loadConfig({ ...base, PUBLIC_URL: 'https://psj.example' });
    expect(config.email).toMatchObject({
      from: 'no-reply@psj.example',
      worker: 'inline',
      messagesPerSecond: 50,
      concurrency: 10,
      leaseMs: 60_000,
      webhookSecret: undefined,
      dkim: undefined,
    });
    expect(errorFor({ EMAIL_WORKER: 'elsewhere' })).toMatch(/^EMAIL_WORKER must be inline or separate/);
    expect(errorFor({ EMAIL_FROM: 'not an address' })).toMatch(/^EMAIL_FROM must be an email address/);
    expect(errorFor({ DKIM_DOMAIN: 'psj.example' })).toBe(
      'DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY must be set together (or none of them)',
    );
    expect(errorFor({ DKIM_DOMAIN: 'psj.example', DKIM_SELECTOR: 's1', DKIM_PRIVATE_KEY: '/nowhere/key.pem' })).toMatch(
      /^DKIM_PRIVATE_KEY must be a PEM private key or the path/,
    );
    const keyFile = join(dataDir, 'dkim.pem');
    writeFileSync(keyFile, '-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n');
    expect(
      loadConfig({ ...base, DKIM_DOMAIN: 'psj.example', DKIM_SELECTOR: 's1', DKIM_PRIVATE_KEY: keyFile }).email.dkim,
    ).toMatchObject({ domainName: 'psj.example', keySelector: 's1' });
  });

  it('never repeats a webhook secret or metrics token in an error', () => {
    expect(errorFor({ EMAIL_WEBHOOK_SECRET: 'short-hook-secret' })).toBe(
      'EMAIL_WEBHOOK_SECRET must be at least 24 characters long',
    );
    expect(errorFor({ METRICS_TOKEN: 'tiny' })).toBe('METRICS_TOKEN must be at least 16 characters long');
  });
});
