import { expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { apiResources } from './openapi.ts';

/** The OpenAPI document and the docs page describe every route there is, from the same schemas. */
describeEachDatabase('the API describes itself', (database) => {
  it('serves an OpenAPI 3.1 document with every relation’s path, its schemas and the key header', async () => {
    const { app } = createTestApp(database());
    const res = await app.request('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<string, Record<string, { requestBody?: unknown; responses: Record<string, unknown> }>>;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }>; securitySchemes: unknown };
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.securitySchemes).toMatchObject({
      osdiToken: { type: 'apiKey', in: 'header', name: 'OSDI-API-Token' },
    });
    for (const resource of apiResources)
      for (const { path } of Object.values(resource.entry)) expect(Object.keys(doc.paths)).toContain(path);
    // The request schema is the validator's own: the fields it checks are the fields it documents.
    expect(Object.keys(doc.components.schemas.PersonInput!.properties!)).toEqual(
      expect.arrayContaining([
        'given_name',
        'family_name',
        'email_addresses',
        'postal_addresses',
        'preferred_language',
      ]),
    );
    expect(doc.paths['/people/person_signup_helper']!.post!.requestBody).toBeDefined();
  });

  it('serves its docs page from this site alone, naming every path', async () => {
    const { app } = createTestApp(database());
    const res = await app.request('/api/docs');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/(src|href)="https?:\/\/(?!localhost)/);
    const doc = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, object> };
    for (const path of Object.keys(doc.paths)) expect(html).toContain(`/api/v1${path}`);
    for (const resource of apiResources)
      for (const rel of Object.keys(resource.entry)) expect(html).toContain(`id="${rel.replace(':', '-')}"`);
    // Every relation a record links to has its anchor too: the curies lead there.
    for (const rel of [
      'osdi:person',
      'osdi:signatures',
      'osdi:attendances',
      'osdi:outreaches',
      'osdi:taggings',
      'osdi:items',
    ])
      expect(html).toContain(`id="${rel.replace(':', '-')}"`);
    expect(new Set(html.match(/ id="[^"]+"/g)).size, 'no id twice').toBe(html.match(/ id="[^"]+"/g)!.length);
  });
});
