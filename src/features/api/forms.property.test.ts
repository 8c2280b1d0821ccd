import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { propertyRuns, runsOn } from '../../../test/support/property-runs.ts';
import { signedInAs, type Browser } from '../../../test/support/staff.ts';
import { checkWorkspaceForm, hostileText } from '../../../test/support/workspace-form.ts';
import { API_ROOT, makeKey } from './test-support.ts';

/**
 * The key form, posted hostile text by an admin: never a 5xx, a refusal is the form again with what was
 * typed. And the API's JSON bodies, hostile in every field and in their shape: never a 5xx, a refusal is
 * JSON saying what was wrong.
 */
describeEachDatabase('the API keeps to 4xx under hostile input', (database, kind) => {
  let admin: Browser;
  let token = '';

  beforeAll(async () => {
    admin = await signedInAs(createTestApp(database()).app, database(), 'admin');
    token = await makeKey(database(), ['read_people', 'write_people'], 'Fuzz');
  });

  it('the key form', async () => {
    await checkWorkspaceForm(admin, database(), {
      screen: '/admin/api-keys',
      action: '/admin/api-keys',
      valid: { name: 'Coalition sync', 'scope-read_people': 'on' },
    });
  }, 240_000);

  it('the signup helper and PUT, with hostile values and shapes', async () => {
    const { app } = createTestApp(database());
    const anyJson = fc.jsonValue({ maxDepth: 3 });
    const field = fc.oneof(hostileText, anyJson, fc.constant(undefined));
    const person = fc.record(
      {
        given_name: field,
        family_name: field,
        email_addresses: fc.oneof(
          fc.array(fc.record({ address: fc.oneof(fc.emailAddress(), hostileText, anyJson), status: field }), {
            maxLength: 3,
          }),
          anyJson,
        ),
        postal_addresses: fc.oneof(fc.array(fc.record({ postal_code: field }), { maxLength: 2 }), anyJson),
        phone_numbers: fc.oneof(fc.array(fc.record({ number: field }), { maxLength: 2 }), anyJson),
        preferred_language: field,
      },
      { requiredKeys: [] },
    );
    const body = fc.oneof(
      fc.record(
        { person, add_tags: fc.oneof(fc.array(hostileText, { maxLength: 3 }), anyJson) },
        { requiredKeys: ['person'] },
      ),
      anyJson,
      hostileText,
    );
    await fc.assert(
      fc.asyncProperty(body, fc.constantFrom('POST', 'PUT'), async (sent, method) => {
        const href = method === 'POST' ? `${API_ROOT}/people/person_signup_helper` : `${API_ROOT}/people/1`;
        const res = await app.request(href, {
          method,
          body: typeof sent === 'string' ? sent : JSON.stringify(sent),
          headers: { 'OSDI-API-Token': token, 'Content-Type': 'application/json' },
        });
        const text = await res.text();
        expect(res.status, text).toBeLessThan(500);
        expect(res.headers.get('content-type')).toMatch(/^application\/(hal\+)?json/);
        const answer = JSON.parse(text) as { error?: string; fields?: Record<string, string> };
        if (res.status >= 400) expect(answer.error).toEqual(expect.any(String));
      }),
      { numRuns: runsOn(kind, propertyRuns(200, 100)) },
    );
  }, 240_000);

  it('collection queries, whatever they hold', async () => {
    const { app } = createTestApp(database());
    const query = fc.dictionary(
      fc.constantFrom('page', 'per_page', 'filter', 'cursor', 'other'),
      fc.oneof(hostileText, fc.string()),
    );
    await fc.assert(
      fc.asyncProperty(query, async (params) => {
        const res = await app.request(`${API_ROOT}/people?${new URLSearchParams(params)}`, {
          headers: { 'OSDI-API-Token': token },
        });
        expect(res.status, JSON.stringify(params)).toBeLessThan(500);
        expect([200, 400]).toContain(res.status);
      }),
      { numRuns: runsOn(kind, propertyRuns(200, 100)) },
    );
  }, 240_000);
});
