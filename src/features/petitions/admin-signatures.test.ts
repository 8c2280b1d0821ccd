import { and, eq, inArray, ne } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { addSignature, generateSignatures, makePetition } from '../../../test/support/petition-signatures.ts';
import { signedInAs, type Browser } from '../../../test/support/staff.ts';
import { auditLog } from '../audit/schema.ts';
import { verifiedCount } from './petition-editing.ts';
import { signatures } from './schema.ts';

const names = (html: string) => [...html.matchAll(/>(Ana\d+) Rivera-\d+</g)].map((m) => m[1]!);

describeEachDatabase('signatures in the workspace', (database) => {
  const db = () => database().db;
  let organizer: Browser;
  let petitionId: number;
  let live: ReturnType<typeof createTestApp>['petitions'];

  beforeAll(async () => {
    const { app, petitions } = createTestApp(database());
    live = petitions;
    organizer = await signedInAs(app, database(), 'organizer');
    petitionId = await makePetition(db(), 'signature-list');
    await generateSignatures(db(), { petitionId, count: 400, prefix: 'sig' });
  }, 60_000);

  it('lists names, places, districts and status but no email addresses, newest first, in keyset pages', async () => {
    const base = `/admin/petitions/${petitionId}/signatures`;
    const first = await organizer.request(base);
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('no-store');
    const html = await first.text();
    expect(html).not.toContain('@example.org');
    expect(html).toContain('<td>example.org</td>');
    const page1 = names(html);
    expect(page1).toHaveLength(50);
    const next = /href="([^"]*before=(\d+))"/.exec(html)!;
    const page2Html = await (await organizer.request(next[1]!.replaceAll('&amp;', '&'))).text();
    const page2 = names(page2Html);
    expect(page2).toHaveLength(50);
    expect(page1.filter((n) => page2.includes(n))).toEqual([]);
    // Newest first: the generator's ids follow its row numbers.
    const numbers = [...page1, ...page2].map((n) => Number(n.slice(3)));
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
  });

  it('filters by status, Senate district and local dates; re-shows bad filters with messages (400)', async () => {
    const base = `/admin/petitions/${petitionId}/signatures`;
    const html = await (await organizer.request(`${base}?status=verified&senate=5`)).text();
    const wanted = await db()
      .select({ name: signatures.givenName })
      .from(signatures)
      .where(
        and(
          eq(signatures.petitionId, petitionId),
          eq(signatures.status, 'verified'),
          eq(signatures.senateDistrict, '5'),
        ),
      );
    expect(names(html).sort()).toEqual(wanted.map((w) => w.name).sort());
    expect(html).toContain('<option value="5" selected="">Senate district 5</option>');

    const unknown = names(await (await organizer.request(`${base}?senate=unknown`)).text());
    expect(unknown.length).toBeGreaterThan(0);
    expect(unknown.every((n) => Number(n.slice(3)) % 13 === 0)).toBe(true);

    // A day that ended before any signature: nothing.
    expect(names(await (await organizer.request(`${base}?to=2020-01-01`)).text())).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    expect(names(await (await organizer.request(`${base}?from=2020-01-01&to=${today}`)).text()).length).toBeGreaterThan(
      0,
    );

    const bad = await organizer.request(`${base}?status=lost&senate=99&from=2026-02-30x&to=soon`);
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain('<title>Error:');
    for (const id of ['status-error', 'senate-error', 'from-error', 'to-error'])
      expect(badHtml).toContain(`id="${id}"`);
    expect(badHtml).toContain('value="soon"');
  });

  it('invalidates by filter after confirmation, taking verified ones off the count in one transaction', async () => {
    const countBefore = await verifiedCount(db(), petitionId);
    const confirm = await organizer.request(`/admin/petitions/${petitionId}/invalidate?senate=7`);
    expect(confirm.status).toBe(200);
    const html = await confirm.text();
    const matching = await db()
      .select({ id: signatures.id, status: signatures.status })
      .from(signatures)
      .where(and(eq(signatures.petitionId, petitionId), eq(signatures.senateDistrict, '7')));
    const verified = matching.filter((m) => m.status === 'verified').length;
    expect(verified).toBeGreaterThan(0);
    expect(html).toContain(`Invalidate ${matching.length} signatures`);
    expect(html).toContain(`the public count goes down by ${verified}`);
    const through = /name="through" value="(\d+)"/.exec(html)![1]!;

    // Arriving after the page was shown: not swept up.
    const late = await addSignature(db(), petitionId, { senateDistrict: '7', status: 'verified' });
    expect(
      (
        await organizer.post(
          `/admin/petitions/${petitionId}/invalidate`,
          { senate: '7' },
          { from: `/admin/petitions/${petitionId}/invalidate?senate=7` },
        )
      ).status,
    ).toBe(400);
    // The public side's cached count, read just before: it must not outlive the change.
    expect(await live.counts.get(petitionId)).toBe(countBefore);
    const done = await organizer.post(
      `/admin/petitions/${petitionId}/invalidate`,
      { senate: '7', through },
      { from: `/admin/petitions/${petitionId}/invalidate?senate=7` },
    );
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(`/admin/petitions/${petitionId}/signatures?senate=7&notice=saved`);

    const after = await db()
      .select({ status: signatures.status })
      .from(signatures)
      .where(
        inArray(
          signatures.id,
          matching.map((m) => m.id),
        ),
      );
    expect(after.every((a) => a.status === 'invalidated')).toBe(true);
    expect(
      (await db().select({ status: signatures.status }).from(signatures).where(eq(signatures.id, late)))[0]!.status,
    ).toBe('verified');
    expect(await verifiedCount(db(), petitionId)).toBe(countBefore - verified);
    expect(await live.counts.get(petitionId)).toBe(countBefore - verified);
    // The shards still agree with the rows (the late one was added without counting it).
    const rows = await db()
      .select({ id: signatures.id })
      .from(signatures)
      .where(and(eq(signatures.petitionId, petitionId), eq(signatures.status, 'verified'), ne(signatures.id, late)));
    expect(await verifiedCount(db(), petitionId)).toBe(rows.length);

    const [entry] = await db().select().from(auditLog).where(eq(auditLog.action, 'petition.signatures-invalidate'));
    expect(entry!.summary.after).toMatchObject({ invalidated: matching.length, verified, 'filters.senate': '7' });
    expect(JSON.stringify(entry!.summary)).not.toMatch(/@|Ana|Rivera/);

    // Again: nothing left to strike out, and the count does not move.
    const again = await (
      await organizer.request(`/admin/petitions/${petitionId}/invalidate?senate=7&to=2099-01-01`)
    ).text();
    expect(again).toContain('Invalidate 1 signature');
    expect(await verifiedCount(db(), petitionId)).toBe(countBefore - verified);
  });

  it('narrows to one hashed address or email domain from the trending view', async () => {
    const hash = 'Flood_hash-0123456789abcdefghijklmnopqrstu';
    for (let i = 0; i < 3; i++) await addSignature(db(), petitionId, { ipHash: hash, emailDomain: 'example.net' });
    const html = await (await organizer.request(`/admin/petitions/${petitionId}/signatures?ip=${hash}`)).text();
    expect(html).toContain('Only signatures from the address with hash');
    expect(html.match(/>Sam Okafor</g)).toHaveLength(3);
    expect(names(html)).toEqual([]);
    const domain = await (
      await organizer.request(`/admin/petitions/${petitionId}/signatures?domain=example.org&status=pending`)
    ).text();
    expect(domain).toContain('with email addresses at <strong>example.org</strong>');
    expect(names(domain).length).toBeGreaterThan(0);
    expect(domain).not.toContain('Sam Okafor');
  });
});
