import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { signedInAs } from '../../../test/support/staff.ts';
import { listAudit } from '../audit/service.ts';
import { staffUsers } from '../staff/schema.ts';
import type { StaffRole } from '../staff/service.ts';
import { insertPublishedStory } from './published-test-support.ts';
import { MemoryKeyRing, StoryVault } from './service.ts';
import type { StoryDeps } from './story-records.ts';

describeEachDatabase('the testimony packet', (database) => {
  let deps: StoryDeps;
  let app: ReturnType<typeof createTestApp>['app'];
  const exports = async () => (await listAudit(deps.db, { action: 'story.testimony-export' })).rows;

  /** A member of staff of this role, signed in, with or without the stories access an admin grants. */
  async function staff(role: StaffRole, storiesAccess: boolean) {
    const b = await signedInAs(app, database(), role);
    await deps.db.update(staffUsers).set({ storiesAccess }).where(eq(staffUsers.id, b.staffId));
    return b;
  }

  beforeAll(() => {
    const storyVault = new StoryVault(new MemoryKeyRing());
    deps = { db: database().db, vault: storyVault };
    app = createTestApp(database(), {}, { storyVault }).app;
  });

  it('is refused to staff without stories access, and to a viewer with it, recording nothing', async () => {
    for (const [role, access] of [
      ['admin', false],
      ['organizer', false],
      ['viewer', true],
    ] as const) {
      const b = await staff(role, access);
      expect((await b.request('/admin/stories/testimony')).status, `${role} ${access}`).toBe(403);
    }
    expect(await exports()).toEqual([]);
  });

  it('says how stories are chosen while none are', async () => {
    const b = await staff('organizer', true);
    const res = await b.request('/admin/stories/testimony');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('No stories are chosen for testimony yet');
  });

  it('prints only chosen, consented stories, redacted, signed as allowed, and audits it by id', async () => {
    const chosen = { testimonyConsent: true, forTestimony: true };
    const named = await insertPublishedStory(deps, {
      ...chosen,
      title: 'Named testimony',
      original: 'ORIGINAL-WORDS about Rosa in Salem',
      redacted: 'REDACTED-WORDS about [name] in [town]',
      contentNotes: 'Mentions a shooting.',
      publishConsent: 'first-name',
      teller: { name: 'Rosa Pérez', email: 'rosa@example.org', phone: '503-555-0101', county: 'Marion' },
    });
    const anonymous = await insertPublishedStory(deps, {
      ...chosen,
      status: 'kept',
      title: 'Anonymous testimony',
      publishConsent: 'staff-only',
      teller: { name: 'Tomás Ortiz' },
    });
    await insertPublishedStory(deps, { testimonyConsent: true, title: 'Consented, not chosen' });
    await insertPublishedStory(deps, { forTestimony: true, title: 'Chosen, no consent' });
    await insertPublishedStory(deps, { ...chosen, status: 'consent-asked', title: 'Consent asked again' });
    await insertPublishedStory(deps, { ...chosen, title: 'Not yet redacted', redacted: null });

    const b = await staff('editor', true);
    const res = await b.request('/admin/stories/testimony');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Named testimony');
    expect(html).toContain('REDACTED-WORDS about [name] in [town]');
    expect(html).toContain('Mentions a shooting.');
    expect(html).toContain('— Rosa');
    expect(html).toContain('Anonymous testimony');
    expect(html).toContain('Name withheld');
    for (const never of [
      'ORIGINAL-WORDS',
      'Pérez',
      'rosa@example.org',
      '503-555-0101',
      'Marion',
      'Tomás',
      'Consented, not chosen',
      'Chosen, no consent',
      'Consent asked again',
      'Not yet redacted',
    ])
      expect(html, never).not.toContain(never);
    expect(html).toContain('1 chosen story is');

    const [entry] = await exports();
    expect(entry).toMatchObject({ actorId: b.staffId, action: 'story.testimony-export' });
    expect(entry!.summary).toMatchObject({ after: { count: 2, stories: `${named.publicId}, ${anonymous.publicId}` } });
    expect(JSON.stringify(entry)).not.toMatch(/REDACTED-WORDS|Rosa|Named testimony/);
  });
});
