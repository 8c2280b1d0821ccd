import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { signedInAs, type Browser } from '../../../test/support/staff.ts';
import { formatInZone } from '../../platform/web/time.ts';
import { auditLog } from '../audit/schema.ts';
import { updateSiteSettings } from '../content/service.ts';
import { eraseSupporter, exportSupporter } from './data-rights.ts';
import { supporterNotes, supporters } from './schema.ts';
import { purgeUnconfirmedSignups, requestSignup } from './service.ts';

describeEachDatabase('notes on a supporter’s timeline', (database) => {
  let organizer: Browser & { staffId: number };
  let admin: Browser & { staffId: number };
  const db = () => database().db;

  async function person(email: string): Promise<number> {
    const [row] = await db()
      .insert(supporters)
      .values({ email, emailAsTyped: email, givenName: 'Noor', familyName: 'Haddad' })
      .returning({ id: supporters.id });
    return row!.id;
  }

  beforeAll(async () => {
    const { app } = createTestApp(database());
    organizer = await signedInAs(app, database(), 'organizer');
    admin = await signedInAs(app, database(), 'admin');
    // A zone far from UTC, so a time shown in UTC could not pass for it.
    await updateSiteSettings(db(), { timeZone: 'Pacific/Honolulu' });
  });

  it('refuses an empty or unprintable note with the form again and what was typed, writing nothing', async () => {
    const base = `/admin/supporters/${await person('empty-note@example.org')}`;
    const empty = await organizer.post(`${base}/notes`, { note: '   ' }, { from: base });
    expect(empty.status).toBe(400);
    const html = await empty.text();
    expect(html).toContain('<title>Error: Noor Haddad');
    expect(html).toContain('id="note-error"');
    expect(html).toContain('Write the note');
    const control = await organizer.post(`${base}/notes`, { note: 'Call <her> back\u001b' }, { from: base });
    expect(control.status).toBe(400);
    expect(await control.text()).toContain('Call &lt;her&gt; back');
    expect(await db().select().from(supporterNotes)).toEqual([]);
  });

  it('shows a note with who wrote it and when, in the organisation’s time zone, audited without its text', async () => {
    const id = await person('noted@example.org');
    const base = `/admin/supporters/${id}`;
    const text = 'Met at the Salem rally.\nWants to testify on <SB 12> & bring her sister.';
    const res = await organizer.post(`${base}/notes`, { note: `  ${text}  ` }, { from: base });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${base}?notice=saved#timeline`);
    const [note] = await db().select().from(supporterNotes).where(eq(supporterNotes.supporterId, id));
    expect(note).toMatchObject({ body: text, authorId: organizer.staffId });

    const html = await (await organizer.request(base)).text();
    expect(html).toContain('Note by Test organizer');
    expect(html).toContain('Met at the Salem rally.<br/>Wants to testify on &lt;SB 12&gt; &amp; bring her sister.');
    const shown = formatInZone(note!.at, 'Pacific/Honolulu');
    expect(shown).toMatch(/HST$/);
    expect(html).toContain(`<time datetime="${note!.at.toISOString()}">${shown}</time>: Note by Test organizer`);

    const [entry] = await db().select().from(auditLog).where(eq(auditLog.action, 'supporter.note-add'));
    expect(entry).toMatchObject({ subjectType: 'supporter', subjectId: String(id), actorId: organizer.staffId });
    expect(JSON.stringify(entry)).not.toMatch(/Salem|testify/);
  });

  it('puts notes in the person’s data export, without naming the staff member', async () => {
    const id = await person('exported@example.org');
    const base = `/admin/supporters/${id}`;
    await organizer.post(`${base}/notes`, { note: 'First call' }, { from: base });
    await organizer.post(`${base}/notes`, { note: 'Second call' }, { from: base });
    const data = (await exportSupporter(db(), id))!;
    expect(data.notes.map((n) => [n.text, n.writtenBy])).toEqual([
      ['First call', 'staff'],
      ['Second call', 'staff'],
    ]);
    const download = await organizer.post(`${base}/export`, {}, { from: base });
    const json = await download.text();
    expect(json).toContain('Second call');
    expect(json).not.toContain('Test organizer');
  });

  it('erases notes with the person, by staff or by the purge, and a note keeps an unconfirmed sign-up', async () => {
    const id = await person('erased@example.org');
    const base = `/admin/supporters/${id}`;
    await organizer.post(`${base}/notes`, { note: 'To be forgotten' }, { from: base });
    expect(await eraseSupporter(db(), id, null)).toBe(true);
    expect(await db().select().from(supporterNotes).where(eq(supporterNotes.supporterId, id))).toEqual([]);
    expect(JSON.stringify(await db().select().from(auditLog))).not.toContain('To be forgotten');

    const ctx = { method: 'web-form' as const, wordingVersion: 'notes-test', emailDomain: 'psj.example' };
    const signup = { givenName: 'Una', email: 'unconfirmed@example.org', topics: ['newsletter' as const] };
    await requestSignup(db(), signup, ctx);
    await requestSignup(db(), { ...signup, email: 'unconfirmed-noted@example.org' }, ctx);
    const [noted] = await db().select().from(supporters).where(eq(supporters.email, 'unconfirmed-noted@example.org'));
    await admin.post(
      `/admin/supporters/${noted!.id}/notes`,
      { note: 'Asked us to keep her details' },
      {
        from: `/admin/supporters/${noted!.id}`,
      },
    );
    const later = new Date(Date.now() + 400 * 24 * 60 * 60 * 1000);
    await purgeUnconfirmedSignups(db(), { now: later, keptBy: [] });
    const left = await db().select({ email: supporters.email }).from(supporters);
    expect(left.map((p) => p.email)).not.toContain('unconfirmed@example.org');
    expect(left.map((p) => p.email)).toContain('unconfirmed-noted@example.org');
  });

  it('corrects a note, marks it corrected, and deletes one only once asked, auditing neither text', async () => {
    const id = await person('corrected@example.org');
    const base = `/admin/supporters/${id}`;
    await organizer.post(`${base}/notes`, { note: 'Lives in Slaem' }, { from: base });
    const [note] = await db().select().from(supporterNotes).where(eq(supporterNotes.supporterId, id));
    const href = `${base}/notes/${note!.id}`;
    const page = await (await organizer.request(base)).text();
    expect(page).toContain(`href="${href}/edit"`);
    expect(page).toContain(`href="${href}/delete"`);

    const empty = await organizer.post(`${href}/edit`, { note: '  ' }, { from: `${href}/edit` });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('Write the note');
    const saved = await organizer.post(`${href}/edit`, { note: 'Lives in Salem' }, { from: `${href}/edit` });
    expect(saved.status).toBe(303);
    const [after] = await db().select().from(supporterNotes).where(eq(supporterNotes.id, note!.id));
    expect(after).toMatchObject({ body: 'Lives in Salem', at: note!.at });
    expect(after!.editedAt).toBeInstanceOf(Date);
    expect(await (await organizer.request(base)).text()).toContain('Note by Test organizer (corrected since)');

    // Another person's address with this note's number is no way in.
    const other = await person('someone-else@example.org');
    expect((await organizer.request(`/admin/supporters/${other}/notes/${note!.id}/edit`)).status).toBe(404);

    const unconfirmed = await organizer.post(`${href}/delete`, {}, { from: `${href}/delete` });
    expect(unconfirmed.status).toBe(400);
    expect(await unconfirmed.text()).toContain('Yes, delete the note');
    expect(await db().select().from(supporterNotes).where(eq(supporterNotes.id, note!.id))).toHaveLength(1);
    const deleted = await organizer.post(`${href}/delete`, { confirmed: 'yes' }, { from: `${href}/delete` });
    expect(deleted.status).toBe(303);
    expect(await db().select().from(supporterNotes).where(eq(supporterNotes.id, note!.id))).toEqual([]);
    expect((await organizer.request(`${href}/edit`)).status).toBe(404);

    const entries = await db()
      .select()
      .from(auditLog)
      .where(eq(auditLog.subjectId, String(id)));
    expect(entries.map((e) => e.action)).toEqual([
      'supporter.note-add',
      'supporter.note-edit',
      'supporter.note-delete',
    ]);
    expect(JSON.stringify(entries)).not.toMatch(/Slaem|Salem/);
  });
});
