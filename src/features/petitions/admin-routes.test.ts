import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { signedInAs, type Browser } from '../../../test/support/staff.ts';
import { auditLog } from '../audit/schema.ts';
import { petitions, signatureCountShards } from './schema.ts';

/** A complete, valid form; tests change one thing at a time. */
function form(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    slug: 'Safety-For-All',
    target: 'Oregon Legislature',
    'en.title': 'Safety for all',
    'en.summary': 'Everyone deserves to be safe.',
    'en.statement': 'We, the undersigned, ask that **everyone** has what they need to heal.',
    'es.title': 'Seguridad para todos',
    'es.summary': '',
    'es.statement': 'Pedimos que todas las personas tengan lo que necesitan para sanar.',
    goal: '5,000',
    'thresholds.0.count': '2500',
    'thresholds.0.en': 'Halfway there!',
    'thresholds.0.es': '¡A mitad de camino!',
    'thresholds.1.count': '1000',
    'thresholds.1.en': 'A thousand voices',
    'thresholds.1.es': '',
    'thresholds.2.count': '',
    'thresholds.2.en': '',
    'thresholds.2.es': '',
    opensAt: '2026-03-01T09:00',
    closesAt: '2026-06-30T17:00',
    status: 'draft',
    ...overrides,
  };
}

describeEachDatabase('petitions in the workspace', (database) => {
  const db = () => database().db;
  let app: ReturnType<typeof createTestApp>['app'];
  let organizer: Browser;
  let viewer: Browser;
  let petitionId: number;

  beforeAll(async () => {
    app = createTestApp(database()).app;
    organizer = await signedInAs(app, database(), 'organizer');
    viewer = await signedInAs(app, database(), 'viewer');
  });

  it('re-shows a bad form with what was typed and a message by each field (422), creating nothing', async () => {
    const res = await organizer.post(
      '/admin/petitions/new',
      form({
        slug: 'no spaces!',
        goal: 'lots',
        'es.statement': '',
        'thresholds.1.count': '',
        closesAt: '2026-02-01T09:00',
        'en.title': '',
      }),
      { from: '/admin/petitions/new' },
    );
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('<title>Error: New petition');
    for (const id of [
      'slug-error',
      'en.title-error',
      'es.statement-error',
      'goal-error',
      'thresholds.1.count-error',
      'closesAt-error',
    ])
      expect(html).toContain(`id="${id}"`);
    expect(html).toContain('value="lots"');
    expect(html).toContain('value="no spaces!"');
    expect(html).toContain('A thousand voices');
    expect(html).toContain('href="#goal"');
    expect(await db().select().from(petitions)).toEqual([]);
  });

  it('refuses a form without its CSRF token', async () => {
    expect((await organizer.post('/admin/petitions/new', form(), { csrf: false })).status).toBe(403);
    expect(await db().select().from(petitions)).toEqual([]);
  });

  it('creates a petition in both languages, thresholds in order, dates read in the organisation’s zone', async () => {
    const res = await organizer.post('/admin/petitions/new', form(), { from: '/admin/petitions/new' });
    expect(res.status).toBe(303);
    const [row] = await db().select().from(petitions);
    petitionId = row!.id;
    expect(res.headers.get('location')).toBe(`/admin/petitions/${petitionId}?notice=created`);
    expect(row).toMatchObject({
      slug: 'safety-for-all',
      goal: 5000,
      status: 'draft',
      es: {
        title: 'Seguridad para todos',
        summary: '',
        statement: 'Pedimos que todas las personas tengan lo que necesitan para sanar.',
      },
      thresholds: [
        { count: 1000, message: { en: 'A thousand voices' } },
        { count: 2500, message: { en: 'Halfway there!', es: '¡A mitad de camino!' } },
      ],
    });
    // America/Los_Angeles, the default zone: PST in March before the change, PDT in June.
    expect(row!.opensAt?.toISOString()).toBe('2026-03-01T17:00:00.000Z');
    expect(row!.closesAt?.toISOString()).toBe('2026-07-01T00:00:00.000Z');
    const [entry] = await db().select().from(auditLog).where(eq(auditLog.action, 'petition.create'));
    expect(entry).toMatchObject({ subjectType: 'petition', subjectId: String(petitionId) });

    const again = await organizer.post('/admin/petitions/new', form({ 'en.title': 'Another' }), {
      from: '/admin/petitions/new',
    });
    expect(again.status).toBe(422);
    expect(await again.text()).toContain('Another petition has this address');
    const archived = await organizer.post('/admin/petitions/new', form({ slug: 'born-archived', status: 'archived' }), {
      from: '/admin/petitions/new',
    });
    expect(archived.status).toBe(422);
    expect(await archived.text()).toContain('id="status-error"');
  });

  it('shows the saved petition back in the form, with its times in the organisation’s zone', async () => {
    const html = await (await organizer.request(`/admin/petitions/${petitionId}`)).text();
    expect(html).toContain('value="2026-03-01T09:00"');
    expect(html).toContain('value="2026-06-30T17:00"');
    expect(html).toContain('value="safety-for-all"');
    expect(html).toContain('Halfway there!');
  });

  it('moves through the statuses it may, and keeps the address once it has been open', async () => {
    const url = `/admin/petitions/${petitionId}`;
    const opened = await organizer.post(url, form({ slug: 'safety-for-all', status: 'open' }), { from: url });
    expect(opened.status).toBe(303);
    expect((await db().select().from(petitions).where(eq(petitions.id, petitionId)))[0]!.status).toBe('open');

    const backToDraft = await organizer.post(url, form({ slug: 'safety-for-all', status: 'draft' }), { from: url });
    expect(backToDraft.status).toBe(422);
    expect(await backToDraft.text()).toContain('A petition that is open cannot become draft');

    const moved = await organizer.post(url, form({ slug: 'a-new-address', status: 'open' }), { from: url });
    expect(moved.status).toBe(422);
    const html = await moved.text();
    expect(html).toContain('id="slug-error"');
    expect(html).toContain('value="a-new-address"');

    // Closing asks first, saying how many signers it affects; only the confirmed form closes it.
    const asked = await organizer.post(url, form({ slug: 'safety-for-all', status: 'closed' }), { from: url });
    expect(asked.status).toBe(200);
    expect(await asked.text()).toContain('name="confirmed" value="yes"');
    expect((await db().select().from(petitions).where(eq(petitions.id, petitionId)))[0]!.status).toBe('open');
    const closed = form({ slug: 'safety-for-all', status: 'closed', confirmed: 'yes' });
    expect((await organizer.post(url, closed, { from: url })).status).toBe(303);
    expect(
      (await organizer.post(url, form({ slug: 'safety-for-all', status: 'open', goal: '10000' }), { from: url }))
        .status,
    ).toBe(303);
    const [row] = await db().select().from(petitions).where(eq(petitions.id, petitionId));
    expect(row).toMatchObject({ slug: 'safety-for-all', status: 'open', goal: 10000 });

    const updates = await db().select().from(auditLog).where(eq(auditLog.action, 'petition.update'));
    expect(updates.map((u) => u.summary.after?.status).filter(Boolean)).toEqual(['open', 'closed', 'open']);
    expect(updates.at(-1)!.summary).toMatchObject({ before: { goal: 5000 }, after: { goal: 10000 } });
  });

  it('lists petitions with the verified count summed from the shards, and the goal', async () => {
    await db()
      .insert(signatureCountShards)
      .values([
        { petitionId, shard: 0, verified: 5 },
        { petitionId, shard: 7, verified: 1232 },
      ]);
    const html = await (await organizer.request('/admin/petitions')).text();
    expect(html).toContain(`href="/admin/petitions/${petitionId}"`);
    expect(html).toContain('<td>1,237</td>');
    expect(html).toContain('<td>10,000</td>');
    expect(html).toContain('<td>Open</td>');
  });

  it('lets a viewer read a petition but not change it; shows the section only to roles that may see it', async () => {
    const page = await viewer.request(`/admin/petitions/${petitionId}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Safety for all');
    expect(html).toContain('<strong>everyone</strong>');
    expect(html).not.toContain('name="slug"');
    expect(html).not.toContain('/signatures');
    expect(html).toContain(`/admin/petitions/${petitionId}/packets`);
    expect(
      (
        await viewer.post(`/admin/petitions/${petitionId}`, form({ slug: 'safety-for-all', status: 'closed' }), {
          from: '/admin/account',
        })
      ).status,
    ).toBe(403);
    expect(await (await viewer.request('/admin')).text()).toContain('href="/admin/petitions"');
    const editor = await signedInAs(app, database(), 'editor');
    expect(await (await editor.request('/admin')).text()).not.toContain('href="/admin/petitions"');
  });
});
