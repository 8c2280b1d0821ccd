import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import type { DataSubject, PersonalDataPart } from '../../platform/personal-data.ts';
import { outboxStatesByKey } from '../email/service.ts';
import { deliveryStateOf } from './delivery.ts';
import { digestKey, officeLetterKey } from './letter-emails.ts';
import { letterCampaignTranslations, letterCampaigns, letterDeliveries, letters } from './schema.ts';

/**
 * A person's letters for their copy of their data (issue 18): the words they wrote, the address they gave, their
 * districts, and each legislator it went to with where that delivery stands. `live` false means it went to the
 * campaign's review address as a test; that address is staff's and is left out. No `erase`: the supporter row's
 * cascade takes the letters and their deliveries (the outbox messages to offices are the email feature's).
 */
export async function lettersOf(db: Db, subject: DataSubject): Promise<unknown[]> {
  const rows = await db
    .select({
      id: letters.id,
      campaignId: letters.campaignId,
      slug: letterCampaigns.slug,
      title: letterCampaignTranslations.title,
      language: letters.locale,
      subject: letters.subject,
      body: letters.body,
      story: letters.story,
      street: letters.street,
      city: letters.city,
      zip: letters.zip,
      senateDistrict: letters.senateDistrict,
      houseDistrict: letters.houseDistrict,
      foundBy: letters.foundBy,
      sentAt: letters.createdAt,
    })
    .from(letters)
    .innerJoin(letterCampaigns, eq(letterCampaigns.id, letters.campaignId))
    .leftJoin(
      letterCampaignTranslations,
      and(eq(letterCampaignTranslations.campaignId, letters.campaignId), eq(letterCampaignTranslations.locale, 'en')),
    )
    .where(eq(letters.supporterId, subject.supporterId))
    .orderBy(asc(letters.createdAt), asc(letters.id));
  if (rows.length === 0) return [];
  const deliveries = await db
    .select()
    .from(letterDeliveries)
    .where(
      inArray(
        letterDeliveries.letterId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(letterDeliveries.chamber), asc(letterDeliveries.legislatorName));
  const campaignOf = new Map(rows.map((r) => [r.id, r.campaignId]));
  const keyOf = (d: (typeof deliveries)[number]) =>
    d.digestDay
      ? digestKey(campaignOf.get(d.letterId)!, d.legislatorId, d.digestDay)
      : officeLetterKey(d.letterId, d.legislatorId);
  const outbox = await outboxStatesByKey(db, [...new Set(deliveries.map(keyOf))]);
  return rows.map((r) => ({
    campaign: { slug: r.slug, title: r.title ?? r.slug },
    language: r.language,
    subject: r.subject,
    body: r.body,
    story: r.story,
    address: { street: r.street, city: r.city, zip: r.zip },
    districts: { senate: r.senateDistrict, house: r.houseDistrict, foundBy: r.foundBy },
    sentAt: r.sentAt.toISOString(),
    recipients: deliveries
      .filter((d) => d.letterId === r.id)
      .map((d) => {
        const message = outbox.get(keyOf(d));
        const state = deliveryStateOf(d.status, d.digestDay, message);
        return {
          legislator: d.legislatorName,
          chamber: d.chamber,
          district: d.district,
          live: d.live,
          state,
          deliveredAt: state === 'sent' ? (message?.sentAt?.toISOString() ?? null) : null,
        };
      }),
  }));
}

/** Letters' part of a person's data: the letters they wrote. */
export const letterPersonalData: PersonalDataPart = { name: 'letters', export: lettersOf };
