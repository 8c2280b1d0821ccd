import { Writable } from 'node:stream';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { describe, expect, it } from 'vitest';
import { createLogger, logContext } from './logger.ts';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { lines, logger: createLogger({ level: 'info', destination }) };
}

describe('logging', () => {
  it('redacts personal data even when code logs it by mistake', () => {
    const { lines, logger } = capture();
    logger.info(
      { email: 'ana@example.org', supporter: { phone: '503-555-0100', zip: '97201' }, ip: '10.1.2.3' },
      'oops',
    );
    const text = JSON.stringify(lines);
    for (const secret of ['ana@example.org', '503-555-0100', '97201', '10.1.2.3']) expect(text).not.toContain(secret);
    expect(lines[0]).toMatchObject({ email: '[redacted]', supporter: { phone: '[redacted]' } });
  });

  it('stamps every line written during a request with its id', () => {
    const { lines, logger } = capture();
    logContext.run({ requestId: 'req-12345678' }, () => logger.info('inside'));
    logger.info('outside');
    expect(lines[0]).toMatchObject({ requestId: 'req-12345678', msg: 'inside' });
    expect(lines[1]).not.toHaveProperty('requestId');
  });

  it('logs a failed statement by SQLSTATE, constraint and table, never its parameters, at any depth of causes', () => {
    const { lines, logger } = capture();
    const fromDatabase = Object.assign(
      new Error('duplicate key value violates unique constraint "supporters_email_unique"'),
      {
        severity: 'ERROR',
        code: '23505',
        detail: 'Key (email)=(ana@example.org) already exists.',
        constraint: 'supporters_email_unique',
        table: 'supporters',
        schema: 'public',
      },
    );
    const failed = new DrizzleQueryError(
      'insert into "supporters" ("email", "given_name", "zip") values ($1, $2, $3)',
      ['ana@example.org', 'Ana', '97201'],
      fromDatabase,
    );
    logger.error({ err: failed }, 'sign-up failed');
    logger.error({ err: new Error('while joining', { cause: failed }) });
    logger.error(failed);
    const text = JSON.stringify(lines);
    for (const secret of ['ana@example.org', 'Ana', '97201', 'already exists', 'Failed query'])
      expect(text).not.toContain(secret);
    expect(lines[0]!.err).toMatchObject({
      type: 'DrizzleQueryError',
      cause: { code: '23505', constraint: 'supporters_email_unique', table: 'supporters' },
    });
    expect(lines[1]).toMatchObject({
      msg: 'database error 23505',
      err: { type: 'Error', cause: { type: 'DrizzleQueryError', cause: { code: '23505' } } },
    });
    expect(lines[2]).toMatchObject({ msg: 'database error 23505' });
    expect(String((lines[0]!.err as { stack: string }).stack)).toMatch(/^DrizzleQueryError\n\s+at /);
  });

  it("keeps the message and stack of errors that are not the database's", () => {
    const { lines, logger } = capture();
    logger.error({ err: new TypeError('cannot read x', { cause: new Error('inner') }) });
    expect(lines[0]).toMatchObject({
      msg: 'cannot read x',
      err: { type: 'TypeError', message: 'cannot read x', cause: { message: 'inner' } },
    });
  });
});
