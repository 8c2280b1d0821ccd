import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { supporters } from '../supporters/schema.ts';
import { requestSignup, timelineOf } from '../supporters/service.ts';
import { emailSuppressions } from './schema.ts';
import { authorized } from './webhooks.ts';

const secret = 'a-webhook-secret-of-at-least-24-chars';
const bearer = { authorization: `Bearer ${secret}`, 'content-type': 'application/json' };

describeEachDatabase('POST /webhooks/email', (database) => {
  let app: ReturnType<typeof createTestApp>['app'];
  const db = () => database().db;
  const post = (body: unknown, headers: Record<string, string> = bearer) =>
    app.request('/webhooks/email', {
      method: 'POST',
      headers,
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const suppression = async (address: string) =>
    (await db().select().from(emailSuppressions).where(eq(emailSuppressions.address, address)))[0];
  const feedbackOf = async (email: string) =>
    (await timelineOf(db(), email)).filter((e) => e.kind === 'bounced' || e.kind === 'complained');

  beforeAll(async () => {
    app = createTestApp(database(), { EMAIL_WEBHOOK_SECRET: secret }).app;
    for (const [givenName, email] of [
      ['Hard', 'hard@example.org'],
      ['Soft', 'soft@example.org'],
      ['Spam', 'spam@example.org'],
      ['Post', 'post@example.org'],
      ['Mark', 'mark@example.org'],
    ]) {
      await requestSignup(
        db(),
        { givenName: givenName!, email: email!, topics: ['newsletter'] },
        { method: 'web-form', wordingVersion: 't', emailDomain: 'psj.example' },
      );
    }
  });

  it('does not exist without a configured secret, and refuses a wrong or missing one', async () => {
    const off = createTestApp(database()).app;
    expect((await off.request('/webhooks/email', { method: 'POST', headers: bearer, body: '{}' })).status).toBe(404);
    expect((await post({ events: [] }, { 'content-type': 'application/json' })).status).toBe(401);
    const wrong = await post({ events: [] }, { authorization: `Bearer ${secret}x` });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toBe('Bearer');
    // A secret in the query string is not accepted: it would end up in logs.
    expect(
      (await app.request(`/webhooks/email?secret=${secret}`, { method: 'POST', body: '{"events":[]}' })).status,
    ).toBe(401);
  });

  it('compares the secret from a Bearer or Basic header', () => {
    expect(authorized(`Bearer ${secret}`, secret)).toBe(true);
    expect(authorized(`bearer   ${secret}`, secret)).toBe(true);
    expect(authorized(`Basic ${Buffer.from(`postmark:${secret}`).toString('base64')}`, secret)).toBe(true);
    expect(authorized(`Basic ${Buffer.from(`${secret}:x`).toString('base64')}`, secret)).toBe(false);
    expect(authorized('Bearer ', secret)).toBe(false);
    expect(authorized(secret, secret)).toBe(false);
    expect(authorized(undefined, secret)).toBe(false);
  });

  it('answers 400 with a JSON error for a payload it cannot take, and changes nothing', async () => {
    const bad = [
      'not json',
      { events: [{ type: 'bounce', email: 'hard@example.org' }] },
      { events: [{ type: 'complaint', email: 'not an address' }] },
      { events: [{ type: 'delivered', email: 'hard@example.org' }] },
      { events: [] },
      { events: [{ type: 'complaint', email: 'hard@example.org', at: 'yesterday' }] },
      { RecordType: 'Bounce', Type: 'HardBounce' },
      { something: 'else' },
    ];
    for (const body of bad) {
      const res = await post(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(((await res.json()) as { error?: string }).error).toBeTruthy();
    }
    const described = (await (await post({ events: [{ type: 'bounce', email: 'hard@example.org' }] })).json()) as {
      issues: unknown;
    };
    expect(described.issues).toEqual([
      { path: 'events.0.bounceType', message: 'a bounce needs bounceType "hard" or "soft"' },
    ]);
    expect(await suppression('hard@example.org')).toBeUndefined();
    expect(await feedbackOf('hard@example.org')).toEqual([]);
  });

  it('generic shape: hard bounces and complaints suppress, soft ones do not; all reach the timeline', async () => {
    const res = await post({
      events: [
        {
          type: 'bounce',
          bounceType: 'hard',
          email: 'Hard@Example.org',
          messageId: '<a1@psj.example>',
          at: '2026-11-27T10:00:00Z',
        },
        {
          type: 'bounce',
          bounceType: 'soft',
          email: 'soft@example.org',
          messageId: '<a2@psj.example>',
          at: '2026-11-27T10:01:00Z',
        },
        { type: 'complaint', email: 'spam@example.org', messageId: '<a3@psj.example>', at: '2026-11-27T10:02:00Z' },
        { type: 'bounce', bounceType: 'hard', email: 'stranger@example.org' },
      ],
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ received: 4, suppressed: 3, ignored: 0 });
    expect(await suppression('hard@example.org')).toMatchObject({ reason: 'hard-bounce', source: 'webhook:generic' });
    expect(await suppression('spam@example.org')).toMatchObject({ reason: 'complaint', source: 'webhook:generic' });
    expect(await suppression('soft@example.org')).toBeUndefined();
    // Someone who is not a supporter is suppressed all the same (a list import could add them later).
    expect(await suppression('stranger@example.org')).toMatchObject({ reason: 'hard-bounce' });

    const [hard] = await feedbackOf('hard@example.org');
    expect(hard).toMatchObject({
      kind: 'bounced',
      at: new Date('2026-11-27T10:00:00Z'),
      detail: { bounceType: 'hard', suppressesBulkMail: true, messageId: '<a1@psj.example>' },
    });
    expect(
      (await feedbackOf('soft@example.org')).map((e) => [e.kind, e.detail.bounceType, e.detail.suppressesBulkMail]),
    ).toEqual([['bounced', 'soft', false]]);
    expect((await feedbackOf('spam@example.org')).map((e) => e.kind)).toEqual(['complained']);
  });

  it('takes Postmark bounce and spam-complaint records', async () => {
    const base = {
      MessageID: '883953f4-6105-42a2-a16a-77a8eac79483',
      ServerID: 23,
      MessageStream: 'broadcast',
      Name: 'x',
      Description: 'x',
      Details: 'x',
      From: 'news@psj.example',
      DumpAvailable: false,
      CanActivate: true,
      Subject: 'News',
      Metadata: {},
    };
    const hard = await post({
      ...base,
      RecordType: 'Bounce',
      ID: 4001,
      Type: 'HardBounce',
      TypeCode: 1,
      Email: 'post@example.org',
      BouncedAt: '2026-11-27T12:28:10.2735393-04:00',
      Inactive: true,
    });
    expect(await hard.json()).toEqual({ received: 1, suppressed: 1, ignored: 0 });
    expect(await suppression('post@example.org')).toMatchObject({ reason: 'hard-bounce', source: 'webhook:postmark' });
    expect((await feedbackOf('post@example.org'))[0]).toMatchObject({
      kind: 'bounced',
      detail: { bounceType: 'hard', providerType: 'HardBounce', source: 'webhook:postmark' },
    });

    const transient = await post({
      ...base,
      RecordType: 'Bounce',
      ID: 4002,
      Type: 'Transient',
      TypeCode: 2,
      Email: 'mark@example.org',
      BouncedAt: '2026-11-27T12:30:00Z',
      Inactive: false,
    });
    expect(await transient.json()).toEqual({ received: 1, suppressed: 0, ignored: 0 });
    expect(await suppression('mark@example.org')).toBeUndefined();

    const complaint = await post({
      ...base,
      RecordType: 'SpamComplaint',
      ID: 4003,
      Type: 'SpamComplaint',
      TypeCode: 512,
      Email: 'mark@example.org',
      BouncedAt: '2026-11-27T12:31:00Z',
      Inactive: true,
    });
    expect(await complaint.json()).toEqual({ received: 1, suppressed: 1, ignored: 0 });
    expect(await suppression('mark@example.org')).toMatchObject({ reason: 'complaint', source: 'webhook:postmark' });
    expect((await feedbackOf('mark@example.org')).map((e) => e.kind)).toEqual(['bounced', 'complained']);

    // An out-of-office reply and a delivery report say nothing about the address: accepted, ignored.
    const auto = await post({
      ...base,
      RecordType: 'Bounce',
      ID: 4004,
      Type: 'AutoResponder',
      TypeCode: 64,
      Email: 'mark@example.org',
      BouncedAt: '2026-11-27T12:32:00Z',
    });
    expect(await auto.json()).toEqual({ received: 0, suppressed: 0, ignored: 1 });
    expect(
      await (await post({ RecordType: 'Delivery', MessageID: 'x', Recipient: 'mark@example.org' })).json(),
    ).toEqual({ received: 0, suppressed: 0, ignored: 1 });
    expect(await feedbackOf('mark@example.org')).toHaveLength(2);
  });

  it('takes a repeated report once, even when the repeats arrive together', async () => {
    const generic = {
      events: [
        {
          type: 'bounce',
          bounceType: 'soft',
          email: 'soft@example.org',
          messageId: '<r1@psj.example>',
          at: '2026-11-28T09:00:00Z',
        },
      ],
    };
    const postmark = {
      RecordType: 'Bounce',
      ID: 5001,
      Type: 'HardBounce',
      Email: 'soft@example.org',
      BouncedAt: '2026-11-28T09:05:00Z',
    };
    const answers = await Promise.all([post(generic), post(generic), post(postmark), post(postmark)]);
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    await post(generic);
    await post(postmark);
    const soft = await feedbackOf('soft@example.org');
    expect(soft.map((e) => e.detail.bounceType)).toEqual(['soft', 'soft', 'hard']);
    const [person] = await db().select().from(supporters).where(eq(supporters.email, 'soft@example.org'));
    expect(person).toBeDefined();
    expect(await suppression('soft@example.org')).toMatchObject({ reason: 'hard-bounce', source: 'webhook:postmark' });
  });
});
