import type { Db } from '../../platform/db/client.ts';
import { broadcastRecipients, broadcasts } from '../broadcasts/schema.ts';
import { suppress } from '../email/service.ts';
import { eventReminders, eventRsvps, eventTranslations, events } from '../events/schema.ts';
import { letterCampaignTranslations, letterCampaigns, letterDeliveries, letters } from '../letters/schema.ts';
import { petitions, signatures } from '../petitions/schema.ts';
import {
  consents,
  signupConfirmations,
  subscriptions,
  supporterEvents,
  supporterNotes,
  supporterTags,
  supporters,
} from './schema.ts';

let made = 0;
const DAY = 24 * 60 * 60 * 1000;

/**
 * Two records of one person, each with something in every table that references a supporter, and clashes where only
 * one row per person may be: both signed one petition (the other's verified, earlier), both answered one event (the
 * kept one's standing, the other's cancelled), both wrote in one campaign (the other's earlier), both were among one
 * broadcast's recipients, both tagged "volunteer". The other record unsubscribed from the newsletter and complained.
 */
export async function seedDuplicatePair(db: Db, at = new Date()) {
  const n = `${process.pid}-${++made}-${Math.random().toString(36).slice(2, 8)}`;
  const earlier = new Date(at.getTime() - 10 * DAY);
  const later = new Date(at.getTime() - 2 * DAY);
  const [kept] = await db
    .insert(supporters)
    .values({
      email: `ana-${n}@example.org`,
      emailAsTyped: `Ana-${n}@Example.org`,
      givenName: 'Ana',
      familyName: 'Núñez',
      phone: '503-555-0100',
      zip: '97301',
      createdAt: later,
      updatedAt: later,
    })
    .returning();
  const [other] = await db
    .insert(supporters)
    .values({
      email: `ana.n-${n}@example.net`,
      emailAsTyped: `ana.n-${n}@example.net`,
      givenName: 'ana',
      familyName: 'Nunez',
      phone: '+1 (503) 555 0100',
      zip: '97301-1234',
      county: 'Marion',
      locale: 'es',
      firstSource: 'rally',
      createdAt: earlier,
      updatedAt: earlier,
    })
    .returning();
  const k = kept!.id;
  const o = other!.id;

  await db.insert(subscriptions).values([
    { supporterId: k, topic: 'newsletter', status: 'subscribed', updatedAt: later },
    { supporterId: k, topic: 'events', status: 'pending', updatedAt: later },
    { supporterId: o, topic: 'newsletter', status: 'unsubscribed', updatedAt: earlier },
    { supporterId: o, topic: 'events', status: 'subscribed', updatedAt: earlier },
    { supporterId: o, topic: 'action-alerts', status: 'subscribed', updatedAt: earlier },
  ]);
  await db.insert(consents).values([
    { supporterId: k, topic: 'newsletter', granted: 'yes', wordingVersion: 'v1', method: 'web-form', at: later },
    { supporterId: o, topic: 'newsletter', granted: 'yes', wordingVersion: 'v1', method: 'web-form', at: earlier },
    { supporterId: o, topic: 'newsletter', granted: 'no', wordingVersion: 'v1', method: 'web-form', at: earlier },
    { supporterId: o, topic: 'events', granted: 'yes', wordingVersion: 'v2', method: 'staff', at: earlier },
  ]);
  await db.insert(supporterEvents).values([
    { supporterId: k, kind: 'subscribed', detail: { topics: ['newsletter'] }, at: later },
    { supporterId: o, kind: 'subscribed', detail: { topics: ['events'] }, at: earlier },
    { supporterId: o, kind: 'complained', detail: { reportKey: `r-${n}` }, at: earlier },
  ]);
  await db.insert(supporterTags).values([
    { supporterId: k, tag: 'volunteer', at: later },
    { supporterId: o, tag: 'volunteer', at: earlier },
    { supporterId: o, tag: 'rally', at: earlier },
  ]);
  await db.insert(supporterNotes).values([
    { supporterId: k, body: 'Met at the Salem rally.', at: later },
    { supporterId: o, body: 'Wants to testify.', at: earlier },
  ]);
  await db.insert(signupConfirmations).values({
    tokenHash: `merge-token-${n}`,
    supporterId: o,
    topics: ['events'],
    wordingVersion: 'v2',
    createdAt: earlier,
    expiresAt: new Date(at.getTime() + DAY),
  });
  await suppress(db, other!.email, 'complaint', 'webhook:generic', earlier);

  const petitionRows = await db
    .insert(petitions)
    .values(
      [1, 2].map((i) => ({
        slug: `merge-petition-${n}-${i}`,
        target: 'Legislature',
        en: { title: `Petition ${i}`, summary: '', statement: '' },
        goal: 100,
      })),
    )
    .returning({ id: petitions.id });
  const signature = (supporterId: number, petitionId: number, status: 'pending' | 'verified', createdAt: Date) => ({
    petitionId,
    supporterId,
    givenName: 'Ana',
    familyName: 'Núñez',
    zip: '97301',
    street: '1 Main St',
    comment: `Signed as ${supporterId}`,
    status,
    tokenHash: `sig-${n}-${supporterId}-${petitionId}`,
    createdAt,
    verifiedAt: status === 'verified' ? createdAt : null,
    expiresAt: new Date(createdAt.getTime() + 30 * DAY),
  });
  await db
    .insert(signatures)
    .values([
      signature(k, petitionRows[0]!.id, 'pending', later),
      signature(o, petitionRows[0]!.id, 'verified', earlier),
      signature(o, petitionRows[1]!.id, 'verified', earlier),
    ]);

  const [event] = await db
    .insert(events)
    .values({ slug: `merge-event-${n}`, status: 'published', startsAt: at, endsAt: new Date(at.getTime() + DAY) })
    .returning({ id: events.id });
  await db.insert(eventTranslations).values({ eventId: event!.id, locale: 'en', title: 'Advocacy Day' });
  const needs = { interpretation: [], interpretationOther: '', accessibility: '', childcare: false, travelHelp: false };
  const rsvp = (supporterId: number, status: 'confirmed' | 'cancelled', createdAt: Date) => ({
    eventId: event!.id,
    supporterId,
    status,
    needs,
    manageTokenHash: `rsvp-${n}-${supporterId}`,
    manageTokenNonce: `nonce-${n}-${supporterId}`,
    createdAt,
    updatedAt: createdAt,
  });
  const rsvps = await db
    .insert(eventRsvps)
    .values([rsvp(k, 'confirmed', later), rsvp(o, 'cancelled', earlier)])
    .returning({ id: eventRsvps.id, supporterId: eventRsvps.supporterId });
  await db
    .insert(eventReminders)
    .values(rsvps.map((r) => ({ rsvpId: r.id, kind: 'week' as const, queuedAt: earlier })));

  const [campaign] = await db
    .insert(letterCampaigns)
    .values({ slug: `merge-campaign-${n}`, reviewAddress: 'review@example.org' })
    .returning({ id: letterCampaigns.id });
  await db
    .insert(letterCampaignTranslations)
    .values({ campaignId: campaign!.id, locale: 'en', title: 'Fund shelters', subject: 'Fund shelters' });
  const letter = (supporterId: number, createdAt: Date) => ({
    campaignId: campaign!.id,
    supporterId,
    subject: 'Fund shelters',
    body: `Letter of ${supporterId}`,
    street: '1 Main St',
    zip: '97301',
    foundBy: 'zip' as const,
    createdAt,
  });
  const letterRows = await db
    .insert(letters)
    .values([letter(k, later), letter(o, earlier)])
    .returning({ id: letters.id });
  await db.insert(letterDeliveries).values(
    letterRows.map((l) => ({
      letterId: l.id,
      legislatorId: 'sen-1',
      legislatorName: 'A Senator',
      chamber: 'senate',
      district: '10',
      toAddress: 'senator@example.org',
      live: false,
      createdAt: earlier,
    })),
  );

  const broadcastRows = await db
    .insert(broadcasts)
    .values(
      [1, 2].map((i) => ({
        name: `Merge broadcast ${n} ${i}`,
        en: { subject: 'News', preheader: '', body: 'Hello' },
        audience: { topic: 'newsletter' as const },
      })),
    )
    .returning({ id: broadcasts.id });
  await db.insert(broadcastRecipients).values([
    { broadcastId: broadcastRows[0]!.id, supporterId: k, locale: 'en' },
    { broadcastId: broadcastRows[0]!.id, supporterId: o, locale: 'es' },
    { broadcastId: broadcastRows[1]!.id, supporterId: o, locale: 'es' },
  ]);
  return { kept: kept!, other: other!, petitionIds: petitionRows.map((p) => p.id), eventId: event!.id };
}
