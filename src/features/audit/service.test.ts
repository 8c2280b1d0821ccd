import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { rowsOf } from '../../platform/db/client.ts';
import { recordAudit } from './service.ts';

describeEachDatabase('the audit log', (database) => {
  it('shortens a long value at a character, never between the halves of a surrogate pair', async () => {
    // 'a' then pairs: the 10,000-unit cut falls inside one; PostgreSQL's JSON would refuse the half left.
    const subject = `a${'𝒜'.repeat(5_000)}`;
    await recordAudit(database().db, null, {
      action: 'broadcast.update',
      subjectType: 'broadcast',
      subjectId: 1,
      before: { subject: 'Hello' },
      after: { subject },
    });
    const [row] = await rowsOf<{ summary: { after: { subject: string } } }>(
      database().db,
      sql`select summary from audit_log order by id desc limit 1`,
    );
    expect(row!.summary.after.subject).toMatch(/^a(𝒜)+\uFFFD?… \(10001 characters\)$/);
    expect(row!.summary.after.subject.isWellFormed()).toBe(true);
  });

  it('opens nested values out into named fields, keeping only those that changed', async () => {
    await recordAudit(database().db, null, {
      action: 'broadcast.update',
      subjectType: 'broadcast',
      subjectId: 1,
      subjectLabel: 'Spring update',
      before: { en: { subject: 'Hi', bodyMd: 'Same' }, at: new Date('2026-12-01T17:30:00Z') },
      after: { en: { subject: 'Hello', bodyMd: 'Same' }, at: new Date('2026-12-01T17:30:00Z') },
    });
    const [row] = await rowsOf<{ summary: object }>(
      database().db,
      sql`select summary from audit_log order by id desc limit 1`,
    );
    expect(row!.summary).toEqual({
      subject: 'Spring update',
      before: { 'en.subject': 'Hi' },
      after: { 'en.subject': 'Hello' },
    });
  });
});
