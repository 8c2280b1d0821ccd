import { expect, it } from 'vitest';
import { PUBLIC_FORM_MAX_BYTES } from './app.tsx';
import { createTestApp } from '../../test/support/app.ts';
import { describeEachDatabase } from '../../test/support/databases.ts';
import { seedDemoContent } from '../features/content/seed/index.ts';
import { messagesFor } from '../platform/web/messages.ts';

const es = messagesFor('es');
const en = messagesFor('en');
const titleOf = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? '';
const post = (body: string, headers: Record<string, string> = {}) => ({
  method: 'POST',
  body,
  headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin', ...headers },
});

describeEachDatabase('error pages in Spanish', (database) => {
  it('says 404, 413, 429 and 403 in Spanish throughout on /es, in the site’s frame', async () => {
    await seedDemoContent(database().db);
    const { app } = createTestApp(database(), { WRITES_PER_MINUTE: '1' });
    const answers = {
      notFound: await app.request('/es/no-hay-tal-pagina', { headers: { cookie: 'lang=es' } }),
      tooLarge: await app.request('/es/join', post(`givenName=${'a'.repeat(PUBLIC_FORM_MAX_BYTES + 10)}`)),
      formExpired: await app.request('/es/join', post('givenName=Ana', { 'sec-fetch-site': 'cross-site' })),
      tooMany: await app.request('/es/join', post('givenName=Ana')),
    };
    const statuses = { notFound: 404, tooLarge: 413, formExpired: 403, tooMany: 429 } as const;
    for (const [kind, res] of Object.entries(answers) as [keyof typeof answers, Response][]) {
      expect(res.status).toBe(statuses[kind]);
      const html = await res.text();
      expect(html).toContain('<html lang="es"');
      expect(titleOf(html)).toBe(`${es[kind].title} · Partnership for Safety and Justice`);
      expect(html).toContain(`<h1>${es[kind].title}</h1>`);
      expect(html).not.toContain(en[kind].title);
      // The frame is Spanish too: its menu and footer.
      expect(html).toContain(es.footer.privacy);
      expect(html).not.toContain(en.footer.privacy);
    }
    // The workspace keeps its plain English page.
    const staff = await app.request('/admin/sign-in', post('email=a'));
    expect(staff.status).toBe(429);
    expect(await staff.text()).toContain('<title>Too many requests</title>');
  });
});
