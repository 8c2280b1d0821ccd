import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { isSuppressed, listSuppressions, suppress, suppressedAmong } from './suppressions.ts';

describeEachDatabase('email suppressions', (database) => {
  const db = () => database().db;

  it('keys an address by its normalized form and keeps the first report', async () => {
    expect(
      await suppress(
        db(),
        '  Bounce.Me@Example.ORG ',
        'hard-bounce',
        'webhook:generic',
        new Date('2026-01-01T00:00:00Z'),
      ),
    ).toBe(true);
    expect(await suppress(db(), 'bounce.me@example.org', 'complaint', 'webhook:postmark')).toBe(false);
    expect(await isSuppressed(db(), 'BOUNCE.ME@example.org')).toBe(true);
    expect(await isSuppressed(db(), 'someone.else@example.org')).toBe(false);
    const [first] = (await listSuppressions(db())).filter((s) => s.address === 'bounce.me@example.org');
    expect(first).toMatchObject({
      reason: 'hard-bounce',
      source: 'webhook:generic',
      at: new Date('2026-01-01T00:00:00Z'),
    });
  });

  it('finds the suppressed ones among a batch in one query, answering with the addresses as given', async () => {
    await suppress(db(), 'josé@example.org', 'complaint', 'webhook:generic');
    await suppress(db(), 'staff-said-no@example.org', 'manual', 'staff');
    const batch = [
      'ok1@example.org',
      'JOSÉ@example.org',
      'Staff-Said-No@example.org',
      'ok2@example.org',
      'josé@example.org',
    ];
    expect(await suppressedAmong(db(), batch)).toEqual(
      new Set(['JOSÉ@example.org', 'josé@example.org', 'Staff-Said-No@example.org']),
    );
    expect(await suppressedAmong(db(), [])).toEqual(new Set());
  });

  it('handles a batch larger than the driver allows parameters', async () => {
    const many = Array.from({ length: 70_000 }, (_, i) => `reader${i}@example.org`);
    await suppress(db(), 'reader69999@example.org', 'hard-bounce', 'webhook:generic');
    expect(await suppressedAmong(db(), many)).toEqual(new Set(['reader69999@example.org']));
  });

  it('lists the newest first, a page at a time', async () => {
    await suppress(db(), 'newest@example.org', 'manual', 'staff', new Date('2030-01-01T00:00:00Z'));
    const [top] = await listSuppressions(db(), { limit: 1 });
    expect(top?.address).toBe('newest@example.org');
    expect(await listSuppressions(db(), { limit: 2, offset: 1 })).toHaveLength(2);
  });
});
