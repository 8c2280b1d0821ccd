import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { signedInAs, type Browser } from '../../../test/support/staff.ts';
import { supporterSegments } from './segment-schema.ts';
import { supporters, supporterTags } from './schema.ts';

/** The list's new filters, its links for a scope, and bulk tagging's guards, through the workspace. */
describeEachDatabase('segments and bulk actions in the workspace', (database) => {
  let organizer: Browser;
  const db = () => database().db;
  const stamp = Date.now();
  const people: number[] = [];

  beforeAll(async () => {
    organizer = await signedInAs(createTestApp(database()).app, database(), 'organizer');
    for (const [i, tag] of ['lobby', 'rally', 'other'].entries()) {
      const [row] = await db()
        .insert(supporters)
        .values({ email: `scope-${i}-${stamp}@example.org`, emailAsTyped: 'x@example.org', county: 'Benton' })
        .returning({ id: supporters.id });
      await db().insert(supporterTags).values({ supporterId: row!.id, tag });
      people.push(row!.id);
    }
  });

  it('lists people with any of several tags, and links the same scope to export, tagging and saving', async () => {
    const res = await organizer.request('/admin/supporters?tag=lobby&tag=rally&county=Benton');
    const html = await res.text();
    expect(html).toContain('2 people');
    const scope = 'county=Benton&amp;tag=lobby&amp;tag=rally';
    expect(html).toContain(`href="/admin/supporters/export?${scope}"`);
    expect(html).toContain(`href="/admin/supporters/bulk/tag?${scope}"`);
    expect(html).toContain(`href="/admin/supporters/segments/new?${scope}"`);
  });

  it('answers 404 for a segment that is not there, and never acts on everyone instead', async () => {
    expect((await organizer.request('/admin/supporters?segment=999999')).status).toBe(404);
    const res = await organizer.post(
      '/admin/supporters/bulk/tag',
      { scope: 'segment=999999', tag: 'everyone', people: '0' },
      { from: '/admin/supporters' },
    );
    expect(res.status).toBe(404);
    expect(await db().select().from(supporterTags).where(eq(supporterTags.tag, 'everyone'))).toEqual([]);
  });

  it('tags only at the number the page showed, and shows the page again when it changed', async () => {
    const [segment] = await db()
      .insert(supporterSegments)
      .values({ name: `Lobby ${stamp}`, filters: { tags: ['lobby'] } })
      .returning({ id: supporterSegments.id });
    const page = await (await organizer.request(`/admin/supporters/bulk/tag?segment=${segment!.id}`)).text();
    expect(page).toContain('<h1>Tag 1 person</h1>');
    const form = { scope: `segment=${segment!.id}`, tag: 'Phone Bank', people: '2' };
    const stale = await organizer.post('/admin/supporters/bulk/tag', form, { from: '/admin/supporters' });
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain('it holds 1 person now');
    expect(await db().select().from(supporterTags).where(eq(supporterTags.tag, 'phone-bank'))).toEqual([]);
    const done = await organizer.post(
      '/admin/supporters/bulk/tag',
      { ...form, people: '1' },
      { from: '/admin/supporters' },
    );
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(`/admin/supporters?segment=${segment!.id}&bulk=tagged&people=1`);
    const tagged = await db().select().from(supporterTags).where(eq(supporterTags.tag, 'phone-bank'));
    expect(tagged.map((t) => t.supporterId)).toEqual([people[0]]);
    const person = await (await organizer.request(`/admin/supporters/${people[0]}`)).text();
    expect(person).toMatch(/added by [^<]+ on <time/);
  });
});
