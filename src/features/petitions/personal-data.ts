import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import type { DataSubject, PersonalDataPart } from '../../platform/personal-data.ts';
import { forgetSignaturesOf } from './forgetting.ts';
import { petitions, signatures } from './schema.ts';

/**
 * A person's signatures for their copy of their data (issue 18): what they gave when signing and what became of it.
 * Never the link's token, its nonce or hash, nor the HMAC of their IP: those are the site's means of checking, not
 * the person's data, and a token would still confirm. Whether they asked for updates is not stored on a signature:
 * it became a subscription, which the supporter list's own copy holds.
 */
export async function signaturesOf(db: Db, subject: DataSubject): Promise<unknown[]> {
  const rows = await db
    .select({
      slug: petitions.slug,
      en: petitions.en,
      givenName: signatures.givenName,
      familyName: signatures.familyName,
      zip: signatures.zip,
      city: signatures.city,
      street: signatures.street,
      comment: signatures.comment,
      showPublicly: signatures.showPublicly,
      status: signatures.status,
      language: signatures.locale,
      senateDistrict: signatures.senateDistrict,
      houseDistrict: signatures.houseDistrict,
      districtSource: signatures.districtSource,
      signedAt: signatures.createdAt,
      verifiedAt: signatures.verifiedAt,
    })
    .from(signatures)
    .innerJoin(petitions, eq(petitions.id, signatures.petitionId))
    .where(eq(signatures.supporterId, subject.supporterId))
    .orderBy(asc(signatures.createdAt), asc(signatures.id));
  return rows.map((r) => ({
    petition: { slug: r.slug, title: r.en.title },
    givenName: r.givenName,
    familyName: r.familyName,
    zip: r.zip,
    city: r.city,
    street: r.street,
    comment: r.comment,
    showPublicly: r.showPublicly,
    status: r.status,
    language: r.language,
    districts: { senate: r.senateDistrict, house: r.houseDistrict, source: r.districtSource },
    signedAt: r.signedAt.toISOString(),
    verifiedAt: r.verifiedAt?.toISOString() ?? null,
  }));
}

/**
 * Petitions' part of a person's data: their signatures. The supporter row's cascade would take them too, but then
 * the nightly recount would lower the public count: erased, each verified one counts on as a number.
 */
export const signaturePersonalData: PersonalDataPart = {
  name: 'signatures',
  export: signaturesOf,
  erase: async (tx, subject) => {
    await forgetSignaturesOf(tx, subject.supporterId);
  },
};
