import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { grantStoriesAccess } from '../../../test/support/admin-routes-stories.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { signedInAs, type Browser } from '../../../test/support/staff.ts';
import { auditLog } from '../audit/schema.ts';
import { MemoryKeyRing, StoryVault } from './keys.ts';
import { insertModerationStory } from './moderation-fixture.ts';
import { publishStory, refusals, setForTestimony } from './moderation.ts';
import { stories } from './schema.ts';
import { storyById, type StoryDeps } from './story-records.ts';

const original = 'Maria Quintero told me at the Salem bus station that she had been hurt.';
const tellerName = 'Maria Quintero';

describeEachDatabase('moderating stories in the workspace', (database) => {
  const vault = new StoryVault(new MemoryKeyRing());
  let deps: StoryDeps;
  let admin: Browser & { staffId: number };
  let viewer: Browser;
  let outsider: Browser;
  const tokens = new Map<Browser, string>();
  const actor = { staffId: null, email: 'test@staff.example', ip: '127.0.0.1' };

  beforeAll(async () => {
    deps = { db: database().db, vault };
    const app = createTestApp(database(), {}, { storyVault: vault }).app;
    admin = await signedInAs(app, database(), 'admin');
    viewer = await signedInAs(app, database(), 'viewer');
    outsider = await signedInAs(app, database(), 'organizer');
    await grantStoriesAccess(database(), [admin.staffId, (viewer as Browser & { staffId: number }).staffId]);
    for (const b of [admin, viewer, outsider]) tokens.set(b, await b.csrf('/admin/account'));
  });

  const send = (b: Browser, path: string, fields: Record<string, string>) => {
    const body = new URLSearchParams(fields);
    body.set('_csrf', tokens.get(b)!);
    return b.request(path, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  };
  const story = (partial: Parameters<typeof insertModerationStory>[1] = {}) =>
    insertModerationStory(deps, { original, teller: { name: tellerName, email: 'maria@example.org' }, ...partial });
  const rowOf = async (id: number) => (await deps.db.select().from(stories).where(eq(stories.id, id)))[0]!;
  const auditOf = async (action: string) => deps.db.select().from(auditLog).where(eq(auditLog.action, action));
  const edit = { title: 'A long way home', text: 'M. told me at a station that she had been hurt.', contentNotes: '' };

  it('lists stories without their words or names, and audits every opening without them', async () => {
    const { id, publicId } = await story();
    const queue = await (await admin.request('/admin/stories')).text();
    expect(queue).toContain(`Story ${publicId.slice(0, 8)}`);
    expect(queue).toContain('First name · testimony no');
    expect(queue).not.toContain('Maria');
    expect(queue).not.toContain('Salem bus');

    const page = await (await admin.request(`/admin/stories/${id}`)).text();
    expect(page).toContain('Maria Quintero told me');
    expect(page).toContain('maria@example.org');
    const reads = (await auditOf('story.read')).filter((r) => r.subjectId === String(id));
    expect(reads).toHaveLength(1);
    expect(reads[0]!.summary).toMatchObject({ subject: publicId });
    expect(JSON.stringify(reads[0])).not.toMatch(/Maria|Salem|maria@/);
    await admin.request(`/admin/stories/${id}`);
    expect((await auditOf('story.read')).filter((r) => r.subjectId === String(id))).toHaveLength(2);
  });

  it('saves the redacted version apart, keeping the original, and audits only which fields changed', async () => {
    const { id } = await story();
    const res = await send(admin, `/admin/stories/${id}`, { ...edit, 'topic-healing': 'on', 'topic-youth': 'on' });
    expect(res.status).toBe(303);
    const saved = (await storyById(deps, id))!;
    expect(saved.original).toBe(original);
    expect(saved.redacted).toBe(edit.text);
    expect(saved.title).toBe(edit.title);
    expect(saved.topics).toEqual(['healing', 'youth']);
    const [entry] = (await auditOf('story.redact')).filter((r) => r.subjectId === String(id));
    expect(entry!.summary.after).toEqual({ fields: 'title, text, topics' });
    expect(JSON.stringify(entry)).not.toMatch(/station|long way/);
    // The sealed columns hold no plaintext.
    expect(JSON.stringify(await rowOf(id))).not.toMatch(/station|Maria|long way/);

    const refused = await send(admin, `/admin/stories/${id}`, { title: 'Kept <as typed>', text: '' });
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain('Enter the text to publish');
    expect(html).toContain('Kept &lt;as typed&gt;');
  });

  it('publishes only as the consent allows, checked again by the service', async () => {
    const ready = { titleSealed: vault.seal('Title'), redactedSealed: vault.seal('Text') };
    const staffOnly = await story({ ...ready, publishConsent: 'staff-only' });
    expect(await publishStory(deps, staffOnly.id, 'anonymous', actor)).toEqual({
      ok: false,
      problem: 'refused',
      message: refusals.staffOnly,
    });
    const anonymous = await story({ ...ready, publishConsent: 'anonymous' });
    const asked = await send(admin, `/admin/stories/${anonymous.id}/publish`, {
      confirmed: 'yes',
      publishedAs: 'first-name',
    });
    expect(asked.status).toBe(409);
    expect(await asked.text()).toContain(refusals.consent);
    expect((await rowOf(anonymous.id)).status).toBe('new');
    // The confirmation page offers only what the consent allows.
    const question = await (await admin.request(`/admin/stories/${anonymous.id}/publish`)).text();
    expect(question).toContain('value="anonymous"');
    expect(question).not.toContain('value="first-name"');

    const res = await send(admin, `/admin/stories/${anonymous.id}/publish`, {
      confirmed: 'yes',
      publishedAs: 'anonymous',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/admin/stories/${anonymous.id}?done=published`);
    expect(await rowOf(anonymous.id)).toMatchObject({
      status: 'published',
      publishedAs: 'anonymous',
      approvedBy: admin.staffId,
      publishedAt: expect.any(Date),
    });
  });

  it('refuses to publish without a title and redacted text, or without the contact the teller asked for', async () => {
    const bare = await story();
    const res = await send(admin, `/admin/stories/${bare.id}/publish`, { confirmed: 'yes', publishedAs: 'anonymous' });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain(refusals.notReady);
    const ready = { titleSealed: vault.seal('Title'), redactedSealed: vault.seal('Text') };
    const careful = await story({ ...ready, contactBeforePublishing: true });
    expect(await (await admin.request(`/admin/stories/${careful.id}/publish`)).text()).toContain(
      'The teller asked to be contacted before publishing.',
    );
    const unticked = await send(admin, `/admin/stories/${careful.id}/publish`, {
      confirmed: 'yes',
      publishedAs: 'first-name',
    });
    expect(unticked.status).toBe(400);
    expect(await unticked.text()).toContain('Tick that you contacted them');
    expect((await rowOf(careful.id)).status).toBe('new');
    const ticked = await send(admin, `/admin/stories/${careful.id}/publish`, {
      confirmed: 'yes',
      publishedAs: 'first-name',
      contacted: 'on',
    });
    expect(ticked.status).toBe(303);
    expect((await rowOf(careful.id)).publishedAs).toBe('first-name');
  });

  it('unpublishes (kept for staff) and rejects, each through its own route', async () => {
    const ready = { titleSealed: vault.seal('Title'), redactedSealed: vault.seal('Text') };
    const live = await story({ ...ready, status: 'published', publishedAs: 'anonymous', publishedAt: new Date() });
    expect((await send(admin, `/admin/stories/${live.id}/unpublish`, {})).status).toBe(200);
    expect((await rowOf(live.id)).status).toBe('published');
    expect((await send(admin, `/admin/stories/${live.id}/unpublish`, { confirmed: 'yes' })).status).toBe(303);
    expect(await rowOf(live.id)).toMatchObject({ status: 'kept', publishedAt: null, publishedAs: null });

    const other = await story();
    expect((await send(admin, `/admin/stories/${other.id}/reject`, {})).status).toBe(303);
    expect((await rowOf(other.id)).status).toBe('rejected');
    expect((await auditOf('story.reject')).map((r) => r.summary.after)).toContainEqual({ status: 'rejected' });
    expect((await send(admin, `/admin/stories/${other.id}/delete`, {})).status).toBe(200);
    const gone = await send(admin, `/admin/stories/${other.id}/delete`, { confirmed: 'yes' });
    expect(gone.headers.get('location')).toBe('/admin/stories?done=deleted');
    expect(await storyById(deps, other.id)).toBeUndefined();
  });

  it('puts a story in the testimony packet only with the teller’s consent', async () => {
    const without = await story();
    const res = await send(admin, `/admin/stories/${without.id}/testimony`, { forTestimony: 'yes' });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain(refusals.noTestimonyConsent);
    expect((await rowOf(without.id)).forTestimony).toBe(false);
    const consented = await story({ testimonyConsent: true });
    expect((await setForTestimony(deps, consented.id, true, actor)).ok).toBe(true);
    expect((await rowOf(consented.id)).forTestimony).toBe(true);
  });

  it('lets a viewer with access read but not moderate, and refuses staff without access', async () => {
    const { id } = await story();
    expect((await viewer.request(`/admin/stories/${id}`)).status).toBe(200);
    expect((await send(viewer, `/admin/stories/${id}`, edit)).status).toBe(403);
    expect((await send(viewer, `/admin/stories/${id}/reject`, {})).status).toBe(403);
    expect((await outsider.request('/admin/stories')).status).toBe(403);
    expect((await outsider.request(`/admin/stories/${id}`)).status).toBe(403);
    expect((await rowOf(id)).status).toBe('new');
  });
});
