import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { signedInAs, type Browser } from '../../../test/support/staff.ts';
import { supporterActionSources } from '../../app/supporter-actions.ts';
import type { Db } from '../../platform/db/client.ts';
import { deleteSegment, saveSegment } from '../supporters/segments.ts';
import { subscriptions, supporters, supporterTags } from '../supporters/schema.ts';
import { segmentAudiences } from '../supporters/service.ts';
import { broadcastRecipients, broadcasts } from './schema.ts';
import {
  audienceCount,
  createBroadcast,
  scheduleBroadcast,
  startDueBroadcasts,
  type BroadcastInput,
} from './service.ts';

const actor = { staffId: null, email: 'organizer@staff.example', ip: '10.0.0.1' };
const segments = segmentAudiences({ sources: supporterActionSources, timeZone: async () => 'America/Los_Angeles' });

const message = (name: string): BroadcastInput => ({
  name,
  en: { subject: 'Hello {{givenName}}', preheader: '', body: 'News for you.' },
  es: { subject: '', preheader: '', body: '' },
  audience: { topic: 'newsletter' },
});

/** One person tagged `tag`, with a newsletter subscription in this state (or none). */
async function tagged(db: Db, tag: string, email: string, newsletter?: 'subscribed' | 'pending' | 'unsubscribed') {
  const [row] = await db
    .insert(supporters)
    .values({ email, emailAsTyped: email, givenName: 'Reader' })
    .returning({ id: supporters.id });
  await db.insert(supporterTags).values({ supporterId: row!.id, tag });
  if (newsletter)
    await db.insert(subscriptions).values({ supporterId: row!.id, topic: 'newsletter', status: newsletter });
  return row!.id;
}

describeEachDatabase('a broadcast to a saved segment', (database) => {
  const db = () => database().db;
  let organizer: Browser;

  beforeAll(async () => {
    organizer = await signedInAs(createTestApp(database()).app, database(), 'organizer');
  });

  async function segmentOf(tag: string) {
    const stamp = `${tag}-${Date.now()}`;
    const ids = {
      subscribed: await tagged(db(), tag, `sub-${stamp}@example.org`, 'subscribed'),
      pending: await tagged(db(), tag, `pending-${stamp}@example.org`, 'pending'),
      unsubscribed: await tagged(db(), tag, `unsub-${stamp}@example.org`, 'unsubscribed'),
      never: await tagged(db(), tag, `never-${stamp}@example.org`),
    };
    const saved = await saveSegment(db(), { name: `Segment ${stamp}`, filters: { tags: [tag] } }, actor);
    if (!('saved' in saved)) throw new Error('not saved');
    return { ids, segmentId: saved.saved.id };
  }

  it('reaches only the segment’s people who subscribed to the topic, even after the segment is deleted', async () => {
    const { ids, segmentId } = await segmentOf(`consent-${Date.now()}`);
    const members = await segments.members(db(), segmentId);
    expect(members?.supporterIds.sort()).toEqual(Object.values(ids).sort());
    const draft = await createBroadcast(db(), message('To a segment'), null, {
      supporterIds: members!.supporterIds,
      label: `Segment “${members!.name}”`,
      segmentId,
    });
    // Four people in the segment; one of them asked for the newsletter.
    expect(await audienceCount(db(), draft.audience)).toBe(1);
    await scheduleBroadcast(db(), draft.id, new Date(Date.now() - 1000));
    expect(await deleteSegment(db(), segmentId, actor)).toBe(true);
    await startDueBroadcasts(db(), { domain: 'psj.example' });
    const recipients = await db()
      .select({ id: broadcastRecipients.supporterId })
      .from(broadcastRecipients)
      .where(eq(broadcastRecipients.broadcastId, draft.id));
    expect(recipients.map((r) => r.id)).toEqual([ids.subscribed]);
  });

  it('writes the segment’s people down from the compose form, and refuses a segment that is not there', async () => {
    const { ids, segmentId } = await segmentOf(`compose-${Date.now()}`);
    // Opened from the segment on the supporter list, the form starts with it chosen.
    const page = await (await organizer.request(`/admin/broadcasts/new?segment=${segmentId}`)).text();
    expect(page).toContain('name="audience.segment"');
    expect(page).toContain(`<option value="${segmentId}" selected="">`);
    const fields = {
      name: `Compose ${segmentId}`,
      'audience.topic': 'newsletter',
      'audience.segment': String(segmentId),
      'en.subject': 'Hello',
      'en.body': 'News.',
    };
    const res = await organizer.post('/admin/broadcasts/new', fields, { from: '/admin/broadcasts/new' });
    expect(res.status).toBe(303);
    const id = Number(res.headers.get('location')!.match(/\/admin\/broadcasts\/(\d+)/)![1]);
    const [row] = await db().select().from(broadcasts).where(eq(broadcasts.id, id));
    expect(row!.audience.segmentId).toBe(segmentId);
    expect(row!.audience.supporterIds?.sort()).toEqual(Object.values(ids).sort());
    expect(await audienceCount(db(), row!.audience)).toBe(1);

    const gone = await organizer.post(
      '/admin/broadcasts/new',
      { ...fields, 'audience.segment': '999999999' },
      { from: '/admin/broadcasts/new' },
    );
    expect(gone.status).toBe(422);
    expect(await gone.text()).toContain('That segment no longer exists');

    // Saved again with no segment, the draft goes to the topic's subscribers, unnarrowed.
    const again = await organizer.post(
      `/admin/broadcasts/${id}`,
      { ...fields, 'audience.segment': '' },
      {
        from: `/admin/broadcasts/${id}`,
      },
    );
    expect(again.status).toBe(303);
    const [after] = await db().select().from(broadcasts).where(eq(broadcasts.id, id));
    expect(after!.audience.supporterIds).toBeUndefined();
    expect(after!.audience.segmentId).toBeUndefined();
  });
});
