import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { makePetition } from '../../../test/support/petition-signatures.ts';
import type { Db } from '../../platform/db/client.ts';
import { auditLog } from '../audit/schema.ts';
import { eventRsvps, events } from '../events/schema.ts';
import { rsvpActions } from '../events/service.ts';
import { letterCampaigns, letters } from '../letters/schema.ts';
import { writerActions } from '../letters/service.ts';
import { signatures } from '../petitions/schema.ts';
import { signerActions } from '../petitions/service.ts';
import { bulkTag, bulkUntag } from './bulk-tags.ts';
import { createStaff } from '../staff/service.ts';
import { addSupporterTag, getSupporterRecord, listSupporters } from './records.ts';
import { filtersQuery, segmentCondition, segmentFiltersFrom, type SegmentFilters } from './segment-filters.ts';
import { countMatching, deleteSegment, getSegment, listSegments, saveSegment } from './segments.ts';
import { subscriptions, supporters, supporterTags, type Topic } from './schema.ts';

const actor = { staffId: null, email: 'organizer@staff.example', ip: '10.0.0.1' };
const sources = [signerActions, rsvpActions, writerActions];
const ctx = { sources, timeZone: 'America/Los_Angeles' };
const kinds = sources.map((s) => s.kind);

describeEachDatabase('saved segments and their filters', (database) => {
  const db = (): Db => database().db;
  let n = 0;

  async function person(p: { tags?: string[]; subs?: Topic[]; county?: string; locale?: 'en' | 'es' } = {}) {
    n += 1;
    const [row] = await db()
      .insert(supporters)
      .values({
        email: `seg-${n}-${Date.now()}@example.org`,
        emailAsTyped: `seg-${n}@example.org`,
        givenName: `Person${n}`,
        county: p.county ?? null,
        locale: p.locale ?? 'en',
      })
      .returning({ id: supporters.id });
    for (const tag of p.tags ?? []) await db().insert(supporterTags).values({ supporterId: row!.id, tag });
    for (const topic of p.subs ?? [])
      await db().insert(subscriptions).values({ supporterId: row!.id, topic, status: 'subscribed' });
    return row!.id;
  }

  /** Who matches, sorted, among `among`. */
  async function matching(f: SegmentFilters, among: number[]): Promise<number[]> {
    const rows = await db()
      .select({ id: supporters.id })
      .from(supporters)
      .where(segmentCondition(f, sources, ctx.timeZone));
    return rows
      .map((r) => r.id)
      .filter((id) => among.includes(id))
      .sort((a, b) => a - b);
  }

  async function sign(
    petitionId: number,
    supporterId: number,
    at: string,
    extra: Partial<typeof signatures.$inferInsert> = {},
  ) {
    n += 1;
    await db()
      .insert(signatures)
      .values({
        petitionId,
        supporterId,
        givenName: 'S',
        familyName: 'T',
        zip: '97301',
        status: 'verified',
        tokenHash: `seg-token-${n}-${Date.now()}`,
        createdAt: new Date(at),
        expiresAt: new Date('2030-01-01T00:00:00Z'),
        ...extra,
      });
  }

  async function makeEvent(slug: string): Promise<number> {
    const [row] = await db()
      .insert(events)
      .values({
        slug,
        status: 'published',
        startsAt: new Date('2026-06-01T17:00:00Z'),
        endsAt: new Date('2026-06-01T19:00:00Z'),
      })
      .returning({ id: events.id });
    return row!.id;
  }

  async function rsvp(
    eventId: number,
    supporterId: number,
    at: string,
    extra: Partial<typeof eventRsvps.$inferInsert> = {},
  ) {
    n += 1;
    await db()
      .insert(eventRsvps)
      .values({
        eventId,
        supporterId,
        status: 'confirmed',
        needs: { interpretation: [], interpretationOther: '', accessibility: '' } as never,
        manageTokenHash: `seg-rsvp-${n}-${Date.now()}`,
        manageTokenNonce: 'nonce',
        createdAt: new Date(at),
        ...extra,
      });
  }

  async function makeCampaign(slug: string): Promise<number> {
    const [row] = await db()
      .insert(letterCampaigns)
      .values({ slug, status: 'open', reviewAddress: 'review@staff.example' })
      .returning({ id: letterCampaigns.id });
    return row!.id;
  }

  async function write(campaignId: number, supporterId: number, at: string, senate: string | null = null) {
    await db()
      .insert(letters)
      .values({
        campaignId,
        supporterId,
        subject: 'Please',
        body: 'Words',
        street: '1 Main St',
        zip: '97301',
        foundBy: 'zip',
        senateDistrict: senate,
        createdAt: new Date(at),
      });
  }

  it('matches people with any of several tags, and the simple filters as the list does', async () => {
    const a = await person({ tags: ['volunteer'], county: 'Marion', subs: ['newsletter'] });
    const b = await person({ tags: ['board'], county: 'Lane', locale: 'es' });
    const c = await person({ tags: ['donor'], county: 'Marion' });
    const all = [a, b, c];
    expect(await matching({ tags: ['volunteer', 'board'] }, all)).toEqual([a, b]);
    expect(await matching({ tags: ['volunteer', 'board'], county: 'Marion' }, all)).toEqual([a]);
    expect(await matching({ language: 'es' }, all)).toEqual([b]);
    expect(await matching({ topic: 'newsletter' }, all)).toEqual([a]);
    expect(await matching({}, all)).toEqual(all);
  });

  it('finds signers of a petition, confirmed only, within days counted in the workspace’s zone', async () => {
    const petition = await makePetition(db(), `seg-petition-${Date.now()}`);
    const early = await person();
    const onLastDay = await person();
    const late = await person();
    const pending = await person();
    await sign(petition, early, '2026-03-01T18:00:00Z');
    // 23:30 in Oregon on 31 March is 06:30 UTC on 1 April: still the 31st where the staff are.
    await sign(petition, onLastDay, '2026-04-01T06:30:00Z');
    await sign(petition, late, '2026-04-01T08:00:00Z');
    await sign(petition, pending, '2026-03-15T18:00:00Z', { status: 'pending' });
    const everyone = [early, onLastDay, late, pending];
    const action = { kind: 'petition', id: petition };
    expect(await matching({ actions: [action] }, everyone)).toEqual([early, onLastDay, late]);
    expect(await matching({ actions: [{ ...action, from: '2026-03-02', to: '2026-03-31' }] }, everyone)).toEqual([
      onLastDay,
    ]);
    expect(await matching({ actions: [{ ...action, from: '2026-04-01' }] }, everyone)).toEqual([late]);
    expect(await matching({ actions: [{ ...action, to: '2026-03-01' }] }, everyone)).toEqual([early]);
  });

  it('finds people who RSVPed (not those who cancelled) and who wrote, each within dates', async () => {
    const event = await makeEvent(`seg-event-${Date.now()}`);
    const campaign = await makeCampaign(`seg-campaign-${Date.now()}`);
    const came = await person();
    const cancelled = await person();
    const wroteEarly = await person();
    const wroteLate = await person();
    await rsvp(event, came, '2026-05-01T18:00:00Z');
    await rsvp(event, cancelled, '2026-05-01T18:00:00Z', { status: 'cancelled' });
    await write(campaign, wroteEarly, '2026-01-10T18:00:00Z');
    await write(campaign, wroteLate, '2026-02-10T18:00:00Z');
    const all = [came, cancelled, wroteEarly, wroteLate];
    expect(await matching({ actions: [{ kind: 'event', id: event }] }, all)).toEqual([came]);
    expect(await matching({ actions: [{ kind: 'event', id: event, to: '2026-04-30' }] }, all)).toEqual([]);
    expect(await matching({ actions: [{ kind: 'letter', id: campaign }] }, all)).toEqual([wroteEarly, wroteLate]);
    expect(await matching({ actions: [{ kind: 'letter', id: campaign, from: '2026-02-01' }] }, all)).toEqual([
      wroteLate,
    ]);
    // Two actions: people who did both.
    await rsvp(event, wroteLate, '2026-05-02T18:00:00Z');
    expect(
      await matching(
        {
          actions: [
            { kind: 'event', id: event },
            { kind: 'letter', id: campaign },
          ],
        },
        all,
      ),
    ).toEqual([wroteLate]);
    // An action no source serves matches nobody, never everybody.
    expect(await matching({ actions: [{ kind: 'survey', id: 1 }] }, all)).toEqual([]);
  });

  it('finds people by district where they acted with an address in it', async () => {
    const petition = await makePetition(db(), `seg-district-${Date.now()}`);
    const event = await makeEvent(`seg-district-event-${Date.now()}`);
    const campaign = await makeCampaign(`seg-district-campaign-${Date.now()}`);
    const signer = await person();
    const pendingSigner = await person();
    const attendee = await person();
    const writer = await person();
    const elsewhere = await person();
    await sign(petition, signer, '2026-03-01T18:00:00Z', { senateDistrict: '12', houseDistrict: '23' });
    await sign(petition, pendingSigner, '2026-03-01T18:00:00Z', { senateDistrict: '12', status: 'pending' });
    await rsvp(event, attendee, '2026-03-01T18:00:00Z', { senateDistrict: 12, houseDistrict: 24 });
    await write(campaign, writer, '2026-03-01T18:00:00Z', '12');
    await sign(petition, elsewhere, '2026-03-01T18:00:00Z', { senateDistrict: '3', houseDistrict: '5' });
    const all = [signer, pendingSigner, attendee, writer, elsewhere];
    expect(await matching({ senate: 12 }, all)).toEqual([signer, attendee, writer]);
    expect(await matching({ house: 24 }, all)).toEqual([attendee]);
    expect(await matching({ senate: 12, house: 23 }, all)).toEqual([signer]);
  });

  it('reads filters from a query string, dropping what does not parse, and writes them back the same', () => {
    const params = new URLSearchParams(
      'q=ana&topic=newsletter&language=xx&county=Marion&tag=a&tag=b&tag=a&senate=12&house=99&petition=4' +
        '&petitionFrom=2026-01-01&petitionTo=nonsense&event=abc&letter=7&letterTo=2026-02-01&status=\u0000',
    );
    const f = segmentFiltersFrom(params, kinds);
    expect(f).toEqual({
      q: 'ana',
      topic: 'newsletter',
      county: 'Marion',
      senate: 12,
      tags: ['a', 'b'],
      actions: [
        { kind: 'petition', id: 4, from: '2026-01-01' },
        { kind: 'letter', id: 7, to: '2026-02-01' },
      ],
    });
    expect(segmentFiltersFrom(filtersQuery(f), kinds)).toEqual(f);
    expect(segmentFiltersFrom(new URLSearchParams('q=a%00b&county=%00'), kinds)).toEqual({});
  });

  it('saves, lists with live counts, renames, refuses a taken name and deletes, each audited', async () => {
    const tag = `seg-count-${Date.now()}`;
    await person({ tags: [tag] });
    const first = await saveSegment(db(), { name: `Count ${tag}`, filters: { tags: [tag] } }, actor);
    if (!('saved' in first)) throw new Error('not saved');
    const id = first.saved.id;
    expect(await countMatching(db(), { tags: [tag] }, ctx)).toBe(1);
    await person({ tags: [tag] });
    const listed = (await listSegments(db(), ctx)).find((s) => s.id === id);
    expect(listed?.people).toBe(2);
    expect(await saveSegment(db(), { name: `COUNT ${tag}`, filters: {} }, actor)).toEqual({ taken: true });
    const renamed = await saveSegment(db(), { id, name: `Renamed ${tag}`, filters: { tags: [tag] } }, actor);
    expect('saved' in renamed && renamed.saved.name).toBe(`Renamed ${tag}`);
    expect(await deleteSegment(db(), id, actor)).toBe(true);
    expect(await getSegment(db(), id)).toBeUndefined();
    expect(await deleteSegment(db(), id, actor)).toBe(false);
    const entries = await db()
      .select()
      .from(auditLog)
      .where(eq(auditLog.subjectId, String(id)));
    expect(entries.map((e) => e.action).sort()).toEqual([
      'supporter.segment-create',
      'supporter.segment-delete',
      'supporter.segment-edit',
    ]);
  });

  it('tags and untags everyone in a scope, counting only changes, and audits counts without people', async () => {
    const marker = `bulk-${Date.now()}`;
    const a = await person({ tags: [marker] });
    const b = await person({ tags: [marker, 'already'] });
    await person();
    const where = segmentCondition({ tags: [marker] }, sources, ctx.timeZone);
    expect(await bulkTag(db(), { where }, 'already', actor)).toBe(1);
    expect(await bulkTag(db(), { where, segmentId: 42 }, 'already', actor)).toBe(0);
    const tagged = await listSupporters(db(), { also: segmentCondition({ tags: ['already'] }, sources, ctx.timeZone) });
    expect(
      tagged.rows
        .map((r) => r.id)
        .filter((id) => [a, b].includes(id))
        .sort(),
    ).toEqual([a, b].sort());
    expect(await bulkUntag(db(), { where }, 'already', actor)).toBe(2);
    expect(await bulkUntag(db(), { where }, 'already', actor)).toBe(0);
    const entries = await db().select().from(auditLog).where(eq(auditLog.action, 'supporter.bulk-tag'));
    const last = entries.at(-1)!;
    expect(last.subjectId).toBe('');
    expect(last.summary).toEqual({ after: { tag: 'already', people: 0, segment: 42 } });
    // Nobody's id, name or address: the log outlives an erasure.
    expect(JSON.stringify(entries)).not.toMatch(/seg-\d+@|Person\d/);
  });

  it('keeps who added a tag and when, for the person’s page', async () => {
    const staff = await createStaff(db(), {
      email: `tagger-${Date.now()}@staff.example`,
      displayName: 'Rosa Martinez',
      role: 'organizer',
      password: 'a slow river under ice',
    });
    const id = await person({ tags: ['before-it-was-kept'] });
    const at = Date.now();
    await addSupporterTag(db(), id, 'volunteer', { staffId: staff.id, email: 'rosa@staff.example', ip: '10.0.0.2' });
    const record = await getSupporterRecord(db(), id);
    expect(record?.tagDetails.map((t) => [t.tag, t.addedBy])).toEqual([
      ['before-it-was-kept', null],
      ['volunteer', 'Rosa Martinez'],
    ]);
    expect(Math.abs(record!.tagDetails[1]!.at.getTime() - at)).toBeLessThan(60_000);
    expect(record?.tags).toEqual(['before-it-was-kept', 'volunteer']);
  });
});
