import { beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { addSignature, makePetition } from '../../../test/support/petition-signatures.ts';
import { signedInAs, type Browser } from '../../../test/support/staff.ts';
import { legislators } from '../reference/schema.ts';

describeEachDatabase('delivery packets', (database) => {
  const db = () => database().db;
  let viewer: Browser;
  let petitionId: number;
  let base: string;

  beforeAll(async () => {
    const { app } = createTestApp(database());
    viewer = await signedInAs(app, database(), 'viewer');
    petitionId = await makePetition(db(), 'packet-test', {
      en: { title: 'Safety for all', summary: '', statement: 'We ask for **healing**.' },
    });
    base = `/admin/petitions/${petitionId}`;
    const verified = { status: 'verified' as const, senateDistrict: '5', houseDistrict: '10' };
    await addSignature(db(), petitionId, {
      ...verified,
      givenName: 'Ana',
      familyName: 'Quintero',
      city: 'Salem',
      street: '1 Court St',
      comment: 'Healing, not harm.',
      showPublicly: true,
    });
    await addSignature(db(), petitionId, {
      ...verified,
      givenName: 'Bo',
      familyName: 'Private',
      city: 'Keizer',
      comment: 'Quiet voice from Keizer',
      showPublicly: false,
      locale: 'es',
    });
    await addSignature(db(), petitionId, {
      ...verified,
      givenName: 'Cy',
      familyName: 'Nocomment',
      city: 'Salem',
      comment: '   ',
      showPublicly: true,
    });
    await addSignature(db(), petitionId, {
      ...verified,
      senateDistrict: '6',
      houseDistrict: '11',
      comment: 'From next door',
      showPublicly: true,
    });
    await addSignature(db(), petitionId, {
      status: 'pending',
      senateDistrict: '5',
      houseDistrict: '10',
      comment: 'Never confirmed',
      showPublicly: true,
    });
    await addSignature(db(), petitionId, {
      status: 'invalidated',
      senateDistrict: '5',
      houseDistrict: '10',
      comment: 'Struck out',
      showPublicly: true,
    });
  });

  it('lists the districts with verified signatures, each leading to its packet', async () => {
    const res = await viewer.request(`${base}/packets`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`href="${base}/packet/senate/5"`);
    expect(html).toContain(`href="${base}/packet/senate/6"`);
    expect(html).toContain(`href="${base}/packet/house/10"`);
    expect(html).toMatch(/Senate district 5<\/a><\/td><td>3<\/td>/);
    expect(html).not.toContain('/packet/senate/7');
  });

  it('prints only the district’s verified signers: a count, and named comments from those who agreed', async () => {
    const res = await viewer.request(`${base}/packet/senate/5`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    expect(html).toContain('<strong>3</strong> verified constituents in Senate District 5');
    expect(html).toContain('<strong>healing</strong>');
    expect(html).toContain('Healing, not harm.');
    expect(html).toContain('— Ana, Salem');
    expect(html).toContain('Quiet voice from Keizer');
    expect(html).toContain('<li lang="es"><blockquote>Quiet voice from Keizer');
    expect(html).toContain('— A constituent in Senate District 5');
    for (const hidden of [
      'Bo',
      'Keizer</p>',
      'Quintero',
      'Private',
      '1 Court St',
      '@example',
      'From next door',
      'Never confirmed',
      'Struck out',
    ])
      expect(html).not.toContain(hidden);
    // A blank comment is no comment.
    expect(html.match(/<blockquote>/g)).toHaveLength(2);
    expect(html).toContain(`<link rel="stylesheet" href="/admin/petitions/packet.css"/>`);
    expect(html).not.toContain('class="site-header"');

    const house = await (await viewer.request(`${base}/packet/house/10`)).text();
    expect(house).toContain('<strong>3</strong> verified constituents in House District 10');
    const neighbour = await (await viewer.request(`${base}/packet/senate/6`)).text();
    expect(neighbour).toContain('From next door');
    expect(neighbour).not.toContain('Healing, not harm.');
  });

  it('says plainly when the roster is not loaded, and names the legislator once it is', async () => {
    const before = await (await viewer.request(`${base}/packet/senate/5`)).text();
    expect(before).toContain('The legislator roster is not loaded yet');
    expect(before).toContain('<a href="/admin/reference">Reference data</a>');

    await db()
      .insert(legislators)
      .values([
        {
          id: 'ocd-person/test-jane',
          name: 'Jane Doe',
          givenName: 'Jane',
          familyName: 'Doe',
          party: 'Democratic',
          chamber: 'upper',
          district: '5',
        },
        {
          id: 'ocd-person/test-rex',
          name: 'Rex Roe',
          givenName: 'Rex',
          familyName: 'Roe',
          party: 'Republican',
          chamber: 'lower',
          district: '10',
        },
      ]);
    const after = await (await viewer.request(`${base}/packet/senate/5`)).text();
    expect(after).not.toContain('roster is not loaded');
    expect(after).toContain('Senator Jane Doe (Democratic)');
    expect(await (await viewer.request(`${base}/packet/house/10`)).text()).toContain(
      'Representative Rex Roe (Republican)',
    );
    expect(await (await viewer.request(`${base}/packet/senate/6`)).text()).toContain('it may be vacant');
  });

  it('serves its print stylesheet, and refuses districts that do not exist', async () => {
    const css = await viewer.request('/admin/petitions/packet.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await css.text()).toContain('@media print');
    expect((await viewer.request(`${base}/packet/senate/31`)).status).toBe(404);
    expect((await viewer.request(`${base}/packet/house/61`)).status).toBe(404);
    expect((await viewer.request(`${base}/packet/senate/0`)).status).toBe(404);
    expect((await viewer.request('/admin/petitions/99999/packet/senate/5')).status).toBe(404);
  });
});
