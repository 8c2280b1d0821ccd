import { desc } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { signedInAs } from '../../../test/support/staff.ts';
import { auditLog } from './schema.ts';
import { recordAudit } from './service.ts';

describeEachDatabase('the audit log’s screens', (database) => {
  const db = () => database().db;

  async function latestId(): Promise<number> {
    const [row] = await db().select({ id: auditLog.id }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    return row!.id;
  }

  it('lists entries as sentences, each opening its detail, with the times in the organisation’s zone', async () => {
    const admin = await signedInAs(createTestApp(database()).app, database(), 'admin');
    const html = await (await admin.request('/admin/audit')).text();
    // The admin's own sign-in, by the name staff know them by, not as "staff.sign-in staff 1".
    expect(html).toMatch(/<a href="\/admin\/audit\/\d+">Test admin signed in<\/a>/);
    expect(html).not.toContain('staff.sign-in staff');
    expect(html).toMatch(/<time datetime="[^"]+Z">[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2} [AP]M P[SD]T<\/time>/);
    expect(html).toContain('Times are Pacific Time.');
    // The filter names actions in words, and still filters by the action recorded.
    expect(html).toContain('<option value="staff.sign-in">Signed in</option>');
    const filtered = await (await admin.request('/admin/audit?action=staff.sign-out')).text();
    expect(filtered).toContain('0 entries');
  });

  it('shows an entry’s changed text as a diff and its other fields as labelled rows, never as JSON', async () => {
    const admin = await signedInAs(createTestApp(database()).app, database(), 'admin');
    const before = {
      name: 'Spring update',
      en: { subject: 'Hello', bodyMd: 'First line\r\nSecond line\r\nThird line' },
    };
    await recordAudit(
      db(),
      { staffId: admin.staffId, email: admin.email, ip: '10.1.2.3' },
      {
        action: 'broadcast.update',
        subjectType: 'broadcast',
        subjectId: 4,
        subjectLabel: 'Spring update',
        before: { ...before, updatedAt: new Date('2026-12-01T17:30:00Z') },
        after: {
          ...before,
          en: { subject: 'Hello, neighbours', bodyMd: 'First line\r\nA new second line\r\nThird line' },
          updatedAt: new Date('2026-12-02T17:30:00Z'),
        },
      },
    );
    const res = await admin.request(`/admin/audit/${await latestId()}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h1>Test admin edited the broadcast Spring update</h1>');
    // The text: what went and what came, in words, the unchanged lines around them.
    expect(html).toMatch(/<h2 id="field-\d+">English: text<\/h2>\s*<div class="diff">/);
    expect(html).toContain('<del class="diff-part"><span class="diff-label">Removed:</span>\nSecond line\n</del>');
    expect(html).toContain('<ins class="diff-part"><span class="diff-label">Added:</span>\nA new second line\n</ins>');
    // Short fields side by side under their labels; a time in the organisation's zone.
    expect(html).toContain('<th scope="row">English: subject line</th><td class="text">Hello</td>');
    expect(html).toContain('Dec 2, 2026, 9:30 AM PST');
    expect(html).toContain('<th scope="row">Who</th><td>Test admin (');
    expect(html).toContain('<th scope="row">From</th><td>10.1.2.3</td>');
    // What it was called then, the id it was recorded under, and where it is now.
    expect(html).toMatch(
      /<th scope="row">About<\/th><td>Spring update<br\/?><span class="text hint">broadcast 4<\/span>/,
    );
    expect(html).toContain('<a href="/admin/broadcasts/4">See it as it is now</a>');
    for (const machinery of ['bodyMd', '\\r\\n', '{&quot;', '{"', 'updatedAt', 'en.subject'])
      expect(html, machinery).not.toContain(machinery);
  });

  it('says yes and no, and labels a field no feature named in plain words', async () => {
    const admin = await signedInAs(createTestApp(database()).app, database(), 'admin');
    await recordAudit(db(), null, {
      action: 'events.reschedule',
      subjectType: 'event',
      subjectId: 9,
      before: { isOnline: false, seatsLeft: 1200 },
      after: { isOnline: true, seatsLeft: 1500 },
      note: 'moved online',
    });
    const html = await (await admin.request(`/admin/audit/${await latestId()}`)).text();
    expect(html).toContain('<h1>The system did “events reschedule” to event 9</h1>');
    expect(html).toContain('<th scope="row">Is online</th><td class="text">No</td><td class="text">Yes</td>');
    expect(html).toContain('<td class="text">1,200</td><td class="text">1,500</td>');
    expect(html).toContain('<th scope="row">Note</th><td><span class="text">moved online</span></td>');
    expect(html).not.toContain('See it as it is now');
  });

  it('answers an entry that does not exist with 404, and the workspace home with sentences', async () => {
    const admin = await signedInAs(createTestApp(database()).app, database(), 'admin');
    expect((await admin.request('/admin/audit/999999999')).status).toBe(404);
    const home = await (await admin.request('/admin')).text();
    expect(home).toMatch(/<a href="\/admin\/audit\/\d+">Test admin signed in<\/a>/);
    expect(home).not.toContain('staff.sign-in');
  });
});
