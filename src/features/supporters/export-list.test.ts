import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { saveSegment } from './segments.ts';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { signedInAs, type Browser } from '../../../test/support/staff.ts';
import { auditLog } from '../audit/schema.ts';
import { supporterListCsv } from './export-list.ts';
import { subscriptions, supporters, supporterTags } from './schema.ts';

const TAG = 'export-probe';

describeEachDatabase('supporter list export', (database) => {
  const db = () => database().db;
  let organizer: Browser & { staffId: number };

  beforeAll(async () => {
    organizer = await signedInAs(createTestApp(database()).app, database(), 'organizer');
    const people = await db()
      .insert(supporters)
      .values([
        {
          email: 'first@example.org',
          emailAsTyped: 'First@example.org',
          givenName: 'Ana',
          familyName: 'Lopez',
          zip: '97201',
        },
        // Typed by someone who hoped staff would open the file in a spreadsheet.
        {
          email: 'formula@example.org',
          emailAsTyped: 'formula@example.org',
          givenName: '=HYPERLINK("http://x","y")',
          familyName: '+1, "quoted"',
        },
        {
          email: 'third@example.org',
          emailAsTyped: 'third@example.org',
          givenName: 'Tom',
          familyName: '',
          locale: 'es',
        },
        { email: 'untagged@example.org', emailAsTyped: 'untagged@example.org', givenName: 'Not', familyName: 'Chosen' },
      ])
      .returning({ id: supporters.id });
    await db()
      .insert(supporterTags)
      .values(people.slice(0, 3).map((p) => ({ supporterId: p.id, tag: TAG })));
    await db().insert(supporterTags).values({ supporterId: people[0]!.id, tag: 'volunteer' });
    await db()
      .insert(subscriptions)
      .values([
        { supporterId: people[0]!.id, topic: 'newsletter', status: 'subscribed' },
        { supporterId: people[0]!.id, topic: 'events', status: 'subscribed' },
        { supporterId: people[2]!.id, topic: 'newsletter', status: 'pending' },
      ]);
  });

  const expected =
    'email,first_name,last_name,zip_code,language,subscription_status,subscribed_topics,tags\r\n' +
    'first@example.org,Ana,Lopez,97201,en,subscribed,events;newsletter,"export-probe,volunteer"\r\n' +
    `formula@example.org,"'=HYPERLINK(""http://x"",""y"")","'+1, ""quoted""",,en,unsubscribed,,export-probe\r\n` +
    'third@example.org,Tom,,,es,pending,,export-probe\r\n';

  it('writes the filtered people, byte for byte, formulas made text, whatever the page size', async () => {
    const fields = ['tags', 'email', 'givenName', 'familyName', 'zip', 'language', 'status', 'topics'] as const;
    for (const size of [1, 2, 1000]) {
      let text = '';
      for await (const chunk of supporterListCsv(db(), { tag: TAG }, fields, size)) text += chunk;
      expect(text, `page size ${size}`).toBe(expected);
    }
  });

  it('downloads from the list screen as a stream, audited with the count and the filters, not the people', async () => {
    const form = await organizer.request(`/admin/supporters/export?tag=${TAG}`);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('3 people');
    const res = await organizer.post(
      '/admin/supporters/export',
      {
        // The list's scope travels as its query string (admin/export.tsx).
        scope: `?tag=${TAG}`,
        'field-email': 'on',
        'field-givenName': 'on',
        'field-familyName': 'on',
        'field-zip': 'on',
        'field-language': 'on',
        'field-status': 'on',
        'field-topics': 'on',
        'field-tags': 'on',
      },
      { from: `/admin/supporters/export?tag=${TAG}` },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="supporters-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(await res.text()).toBe(expected);
    const [entry] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'supporter.export-list'), eq(auditLog.actorId, organizer.staffId)));
    expect(entry!.summary.after).toMatchObject({ rows: 3, 'filters.tag': 'set' });
    const logged = JSON.stringify(entry);
    for (const personal of ['first@example.org', 'Lopez', TAG]) expect(logged).not.toContain(personal);
  });

  it('asks again, keeping the filters, when nothing is ticked', async () => {
    const res = await organizer.post(
      '/admin/supporters/export',
      { scope: `?tag=${TAG}` },
      { from: '/admin/supporters/export' },
    );
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain('Choose at least one thing to put in the file');
    expect(page).toContain(`name="scope" value="?tag=${TAG}"`);
    expect(page).toContain('3 people match the filters');
  });

  it('downloads a saved segment, its people only, and names the segment in the audit entry', async () => {
    const made = await saveSegment(
      db(),
      { name: `Export probe ${Date.now()}`, filters: { tags: [TAG], language: 'es' } },
      { staffId: organizer.staffId, email: 'organizer@staff.example', ip: '' },
    );
    if (!('saved' in made)) throw new Error('segment not saved');
    const segment = made.saved;
    const form = await organizer.request(`/admin/supporters/export?segment=${segment.id}`);
    const shown = await form.text();
    expect(shown).toContain(`are in the segment “${segment.name}”`);
    expect(shown).toContain(`name="scope" value="?segment=${segment.id}"`);
    const res = await organizer.post(
      '/admin/supporters/export',
      { scope: `?segment=${segment.id}`, 'field-email': 'on', 'field-language': 'on' },
      { from: '/admin/supporters/export' },
    );
    expect(res.status).toBe(200);
    const rows = (await res.text()).trim().split('\r\n').slice(1);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toMatch(/,es$/);
    const [entry] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'supporter.export-list'), eq(auditLog.subjectId, String(segment.id))));
    expect(entry).toMatchObject({ subjectType: 'supporter-segment' });
    expect(entry!.summary.after).toMatchObject({ rows: rows.length });
    // A segment that is gone is not everyone.
    expect((await organizer.request('/admin/supporters/export?segment=999999')).status).toBe(404);
  });
});
