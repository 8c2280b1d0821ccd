import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { supporters } from '../supporters/schema.ts';
import { requestSignup } from '../supporters/service.ts';
import { importReference } from './import.ts';
import { describeWithSharedData, sharedData } from './test-data.ts';

const ctx = { method: 'web-form' as const, wordingVersion: 'newsletter-2026-11', emailDomain: 'psj.example' };

// Issue 4: a supporter's county comes from their ZIP only when the whole ZIP lies in one county.
describeWithSharedData('county from ZIP at sign-up', () => {
  describeEachDatabase('county from ZIP at sign-up', (database) => {
    const db = () => database().db;
    const countyOf = async (email: string) =>
      (await db().select({ county: supporters.county }).from(supporters).where(eq(supporters.email, email)))[0]?.county;
    const signUp = (email: string, zip?: string) =>
      requestSignup(db(), { givenName: 'Sam', email, zip, topics: ['newsletter'] }, ctx);

    it('leaves the county unknown while no reference data is loaded', async () => {
      await signUp('early@example.org', '97301');
      expect(await countyOf('early@example.org')).toBeNull();
    });

    it('sets it for a ZIP wholly in one county, and never guesses otherwise', async () => {
      await importReference(db(), { dir: sharedData });
      await signUp('salem@example.org', '97301'); // Marion only
      await signUp('aurora@example.org', '97002'); // mostly Marion, partly Clackamas
      await signUp('pobox@example.org', '97308'); // a PO-box ZIP: no ZCTA
      await signUp('none@example.org');
      expect(await countyOf('salem@example.org')).toBe('Marion');
      expect(await countyOf('aurora@example.org')).toBeNull();
      expect(await countyOf('pobox@example.org')).toBeNull();
      expect(await countyOf('none@example.org')).toBeNull();
    });
  });
});
