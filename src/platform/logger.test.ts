import { Writable } from 'node:stream';
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
    logger.info({ email: 'ana@example.org', supporter: { phone: '503-555-0100', zip: '97201' }, ip: '10.1.2.3' }, 'oops');
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
});
