import { and, desc, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { formFields } from '../../../test/support/form-fields.ts';
import { generateSignatures } from '../../../test/support/petition-signatures.ts';
import { browser, signedInAs, type Browser } from '../../../test/support/staff.ts';
import { emailOutbox } from '../email/schema.ts';
import { templateRenderer } from '../email/service.ts';
import { petitionTemplates } from '../email/templates/petition.ts';
import { petitions } from './schema.ts';
import { makeOpenPetition, seedTestZips } from './test-support.ts';

/**
 * What petition staff work with (issue 13): a draft seen before it is
 * public, who it is addressed to in both languages, the words after signing
 * per petition and language, and a confirmation before closing that says
 * how many signers it affects.
 */
describeEachDatabase('petition tools for staff', (database) => {
  const db = () => database().db;
  let app: ReturnType<typeof createTestApp>['app'];
  let organizer: Browser;

  beforeAll(async () => {
    app = createTestApp(database()).app;
    organizer = await signedInAs(app, database(), 'organizer');
    await seedTestZips(db());
  });

  const sign = (slug: string, email: string, prefix = '') =>
    browser(app).request(`${prefix}/petitions/${slug}/sign`, {
      method: 'POST',
      body: new URLSearchParams({ givenName: 'Ana', familyName: 'Rivera', email, zip: '97204' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
    });

  /** Opens the petition's edit form and sends it with these changes, as a person would. */
  async function edit(id: number, changes: Record<string, string>) {
    const url = `/admin/petitions/${id}`;
    const fields = formFields(await (await organizer.request(url)).text(), url) as Record<string, string>;
    return organizer.post(url, { ...fields, ...changes }, { from: url });
  }

  it('shows a draft to signed-in staff as its public page under a preview banner, never to visitors', async () => {
    const draft = await makeOpenPetition(db(), 'draft-preview', { status: 'draft' });
    expect((await app.request('/petitions/draft-preview', { headers: { cookie: 'lang=en' } })).status).toBe(404);

    const detail = await (await organizer.request(`/admin/petitions/${draft.id}`)).text();
    expect(detail).toContain(`href="/admin/petitions/${draft.id}/preview"`);
    expect(detail).toContain(`href="/admin/petitions/${draft.id}/preview/es"`);

    const preview = await organizer.request(`/admin/petitions/${draft.id}/preview`);
    expect(preview.status).toBe(200);
    expect(preview.headers.get('cache-control')).toBe('no-store');
    const html = await preview.text();
    expect(html).toContain('Preview: not published');
    expect(html).toContain('<h1>Safety for all (draft-preview)</h1>');
    expect(html).toContain('<meta name="robots" content="noindex"');
    const spanish = await (await organizer.request(`/admin/petitions/${draft.id}/preview/es`)).text();
    expect(spanish).toContain('<h1>Seguridad para todos (draft-preview)</h1>');
    expect(spanish).toMatch(/<div class="preview-banner" role="note" lang="en">/);

    // Signed out, the preview is the sign-in page; the public page stays 404.
    const visitor = await browser(app).request(`/admin/petitions/${draft.id}/preview`);
    expect(visitor.status).toBe(303);
    expect(visitor.headers.get('location')).toContain('/admin/sign-in');
    expect((await app.request('/petitions/draft-preview', { headers: { cookie: 'lang=en' } })).status).toBe(404);
  });

  it('shows an open petition’s preview with its form switched off, so trying it signs nothing', async () => {
    const open = await makeOpenPetition(db(), 'open-preview');
    const live = await (await app.request('/petitions/open-preview', { headers: { cookie: 'lang=en' } })).text();
    expect(live).toMatch(/<button class="button" type="submit">/);
    const html = await (await organizer.request(`/admin/petitions/${open.id}/preview`)).text();
    expect(html).toMatch(/<button class="button" type="submit" disabled="">/);
    expect(html).toContain('the form takes no signatures here');
  });

  it('says who it is addressed to in Spanish on the Spanish page', async () => {
    const open = await makeOpenPetition(db(), 'addressed');
    expect((await edit(open.id, { 'es.target': 'Legislatura de Oregón' })).status).toBe(303);
    const [row] = await db().select().from(petitions).where(eq(petitions.id, open.id));
    expect(row!.es?.target).toBe('Legislatura de Oregón');
    expect(row!.target).toBe('Oregon Legislature');
    const es = await (await app.request('/es/petitions/addressed', { headers: { cookie: 'lang=es' } })).text();
    expect(es).toContain('<span>Para:</span> Legislatura de Oregón');
    const en = await (await app.request('/petitions/addressed', { headers: { cookie: 'lang=en' } })).text();
    expect(en).toContain('<span>To:</span> Oregon Legislature');
  });

  it('starts from the standard words after signing, and keeps a petition on them when saved unchanged', async () => {
    const open = await makeOpenPetition(db(), 'standard-words');
    const url = `/admin/petitions/${open.id}`;
    const fields = formFields(await (await organizer.request(url)).text(), url) as Record<string, string>;
    expect(fields['en.thanks']).toContain('a message with a link is on its way');
    expect(fields['en.confirmationEmail']).toContain('Thank you for signing “Safety for all (standard-words)”');
    expect(fields['es.confirmationEmail']).toContain('Gracias por firmar «Seguridad para todos (standard-words)»');
    // As a browser sends text areas: CR LF.
    const crlf = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.replace(/\n/g, '\r\n')]));
    expect((await organizer.post(url, crlf, { from: url })).status).toBe(303);
    const [row] = await db().select().from(petitions).where(eq(petitions.id, open.id));
    expect(row!.en).not.toHaveProperty('thanks');
    expect(row!.en).not.toHaveProperty('confirmationEmail');
    expect(row!.es).not.toHaveProperty('confirmationEmail');
  });

  it('shows the petition’s own thank-you words and sends its own email words, in each language', async () => {
    const open = await makeOpenPetition(db(), 'own-words');
    const saved = await edit(open.id, {
      'en.thanks': 'Thank you! **Check your inbox** to confirm.',
      'en.confirmationEmail': 'You just stood up for survivors.\r\n\r\nOne more click makes it count.',
      'es.thanks': '¡Gracias! Revisa tu correo.',
      'es.confirmationEmail': 'Acabas de apoyar a sobrevivientes.',
    });
    expect(saved.status).toBe(303);

    const thanks = await (await sign('own-words', 'words-en@example.org')).text();
    expect(thanks).toContain('<strong>Check your inbox</strong> to confirm.');
    expect(thanks).not.toContain('a message with a link is on its way');
    const gracias = await (await sign('own-words', 'words-es@example.org', '/es')).text();
    expect(gracias).toContain('¡Gracias! Revisa tu correo.');

    const render = templateRenderer({
      sender: async () => ({
        name: 'PSJ',
        address: 'news@psj.example',
        postalAddress: '1 Main St',
        publicUrl: 'https://psj.example',
      }),
      templates: petitionTemplates,
      listLinks: () => ({ preferencesUrl: '', unsubscribeUrl: '', unsubscribeMailto: '' }),
    });
    const mailTo = async (address: string) => {
      const [row] = await db()
        .select()
        .from(emailOutbox)
        .where(and(eq(emailOutbox.toAddress, address), eq(emailOutbox.template, 'petition-confirm')))
        .orderBy(desc(emailOutbox.id))
        .limit(1);
      return render(row!);
    };
    const english = await mailTo('words-en@example.org');
    expect(english.text).toContain('You just stood up for survivors.\n\nOne more click makes it count.');
    expect(english.text).not.toContain('Thank you for signing');
    expect(english.text).toContain('If it was not you');
    expect(english.html).toContain('<p>One more click makes it count.</p>');
    const spanish = await mailTo('words-es@example.org');
    expect(spanish.text).toContain('Acabas de apoyar a sobrevivientes.');
    expect(spanish.text).not.toContain('Gracias por firmar');
  });

  it('asks before closing or archiving, saying how many signers it affects; nothing changes till then', async () => {
    const open = await makeOpenPetition(db(), 'to-close');
    await generateSignatures(db(), { petitionId: open.id, count: 20, prefix: 'to-close' });
    const asked = await edit(open.id, { status: 'closed' });
    expect(asked.status).toBe(200);
    const html = await asked.text();
    expect(html).toContain('Close the petition “Safety for all (to-close)”?');
    // generateSignatures: 80 % verified, 15 % pending, 5 % expired.
    expect(html).toContain('It affects 19 people who signed: 16 confirmed and 3 not confirmed yet.');
    expect(html).toContain('name="confirmed" value="yes"');
    expect(html).toContain('name="en.statement"');
    const [still] = await db().select().from(petitions).where(eq(petitions.id, open.id));
    expect(still!.status).toBe('open');

    // "Yes" posts the same form on, confirmed.
    const confirmed = formFields(html, `/admin/petitions/${open.id}`) as Record<string, string>;
    expect(confirmed.status).toBe('closed');
    const res = await organizer.post(`/admin/petitions/${open.id}`, confirmed, { from: `/admin/petitions/${open.id}` });
    expect(res.status).toBe(303);
    const [closed] = await db().select().from(petitions).where(eq(petitions.id, open.id));
    expect(closed!.status).toBe('closed');
    expect(closed!.en.statement).toBe(open.en.statement);

    const archive = await edit(open.id, { status: 'archived' });
    expect(await archive.text()).toContain('Archive the petition “Safety for all (to-close)”?');
  });
});
