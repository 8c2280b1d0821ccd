import { createHmac } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testConfig } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { signedInAs } from '../../../test/support/staff.ts';
import { webhookSources } from '../../app/webhook-sources.ts';
import { Secrets } from '../../platform/crypto.ts';
import { createLogger } from '../../platform/logger.ts';
import type { AuditActor } from '../audit/service.ts';
import { emailOutbox } from '../email/schema.ts';
import { createStaff } from '../staff/service.ts';
import { petitions, signatures } from '../petitions/schema.ts';
import { supporters } from '../supporters/schema.ts';
import { captureChanges } from './capture.ts';
import { listDeliveries } from './deliveries.ts';
import { webhookTemplates } from './emails.ts';
import { createEndpoint, getEndpoint, pauseEndpoint } from './endpoints.ts';
import type { WebhookEvent } from './events.ts';
import { webhookCursors, webhookDeliveries, webhookEndpoints } from './schema.ts';
import { sendDueDeliveries, type SendDeps } from './sending.ts';
import { verifySignature } from './signature.ts';
import { startReceiver } from './test-receiver.ts';

const MINUTE = 60_000;
const PUBLIC_URL = 'http://localhost:3000';
const actor: AuditActor = { staffId: null, email: 'admin@staff.example', ip: '127.0.0.1' };

describeEachDatabase('webhooks', (database) => {
  const secrets = new Secrets(testConfig().secretKey);
  const sources = webhookSources(PUBLIC_URL);
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let deps: SendDeps;

  beforeAll(async () => {
    receiver = await startReceiver();
    deps = {
      db: database().db,
      secrets,
      logger: createLogger({ level: 'silent', pretty: false }),
      domain: 'localhost',
    };
    await createStaff(database().db, {
      email: `webhook-admin-${Date.now()}@staff.example`,
      displayName: 'Webhook admin',
      role: 'admin',
      password: 'correct horse battery staple 42',
    });
  });
  afterAll(() => receiver.close());

  /** A new person, recorded now (as a sign-up would), with an address that must never reach a receiver. */
  async function newPerson(): Promise<number> {
    const email = `person-${Date.now()}-${Math.random().toString(36).slice(2)}@example.org`;
    const [row] = await database()
      .db.insert(supporters)
      .values({ email, emailAsTyped: email, givenName: 'Private', familyName: 'Person' })
      .returning({ id: supporters.id });
    return row!.id;
  }

  /** A capture pass that reads every change made so far (none left to settle). */
  const capture = async () => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    return captureChanges(database().db, sources, { now: new Date(), settleMs: 0 });
  };
  const soon = () => new Date();

  const endpoint = (path: string, events: WebhookEvent[]) =>
    createEndpoint(database().db, secrets, { url: receiver.url(path), description: `Receiver ${path}`, events }, actor);

  const deliveriesOf = (endpointId: number) =>
    database().db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId));

  it('delivers a change once, signed, after two failures, with three attempts on record', async () => {
    // Someone recorded before the endpoint was made is history, never sent to it.
    await newPerson();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const { id, secret } = await endpoint('/flaky', ['person.created']);
    const personId = await newPerson();
    expect(await capture()).toBe(1);

    const t0 = soon();
    expect(await sendDueDeliveries(deps, { now: t0 })).toEqual({ delivered: 0, retry: 1, paused: 0 });
    // Not yet due again: the first retry waits about a minute.
    expect(await sendDueDeliveries(deps, { now: new Date(t0.getTime() + 30_000) })).toEqual({
      delivered: 0,
      retry: 0,
      paused: 0,
    });
    const t1 = new Date(t0.getTime() + 2 * MINUTE);
    expect((await sendDueDeliveries(deps, { now: t1 })).retry).toBe(1);
    const t2 = new Date(t1.getTime() + 6 * MINUTE);
    expect((await sendDueDeliveries(deps, { now: t2 })).delivered).toBe(1);
    // Nothing is sent again once delivered.
    expect(await sendDueDeliveries(deps, { now: new Date(t2.getTime() + 24 * 60 * MINUTE) })).toEqual({
      delivered: 0,
      retry: 0,
      paused: 0,
    });

    const key = `person.created:${personId}`;
    const tries = receiver.received.filter((r) => r.path === '/flaky');
    expect(tries.map((r) => [r.key, r.answered])).toEqual([
      [key, 500],
      [key, 500],
      [key, 200],
    ]);
    expect([...receiver.processed.entries()]).toEqual([[key, 1]]);

    const success = tries[2]!;
    expect(success.event).toBe('person.created');
    expect(verifySignature(secret, success.signature, success.body, { now: t2 })).toBe(true);
    // An independent check, as a receiver in another language would write it.
    const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(success.signature)!;
    expect(Number(t)).toBe(Math.floor(t2.getTime() / 1000));
    expect(createHmac('sha256', secret).update(`${t}.${success.body}`).digest('hex')).toBe(v1);
    // A tampered body, another secret, or an old signature is refused.
    expect(verifySignature(secret, success.signature, `${success.body} `, { now: t2 })).toBe(false);
    expect(verifySignature(`${secret}x`, success.signature, success.body, { now: t2 })).toBe(false);
    expect(
      verifySignature(secret, success.signature, success.body, { now: new Date(t2.getTime() + 10 * MINUTE) }),
    ).toBe(false);

    // Thin: ids and links, no name or address.
    const payload = JSON.parse(success.body);
    expect(payload).toMatchObject({
      id: key,
      event: 'person.created',
      data: { identifiers: [`groundswell:${personId}`] },
      _links: { self: { href: `${PUBLIC_URL}/api/v1/people/${personId}` } },
    });
    expect(new Date(payload.occurred_at).toISOString()).toBe(payload.occurred_at);
    expect(success.body).not.toMatch(/@example\.org|Private|Person"/);

    const { rows } = await listDeliveries(database().db, id, 1);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ idempotencyKey: key, attempts: 3, status: 'delivered', lastStatusCode: 200 });
    expect((await getEndpoint(database().db, id))!.failingSince).toBeNull();
  });

  it('keeps a short, plain excerpt of a failing answer', async () => {
    const { id } = await endpoint('/down', ['person.created']);
    await newPerson();
    await capture();
    await sendDueDeliveries(deps, { now: soon() });
    const [row] = await deliveriesOf(id);
    expect(row).toMatchObject({ status: 'queued', attempts: 1, lastStatusCode: 500 });
    expect(row!.lastResponse!.length).toBeLessThanOrEqual(500);
    expect(row!.lastResponse).toMatch(/^<b>broken<\/b> x+$/);
    await pauseEndpoint(database().db, id, actor);
  });

  it('fails, and says why, a delivery whose secret cannot be read', async () => {
    const { id } = await endpoint('/flaky', ['person.created']);
    await database().db.update(webhookEndpoints).set({ secretSealed: 'v1.x.y.z' }).where(eq(webhookEndpoints.id, id));
    await newPerson();
    await capture();
    await sendDueDeliveries(deps, { now: soon() });
    const [row] = await deliveriesOf(id);
    expect(row).toMatchObject({ status: 'queued', attempts: 1, lastStatusCode: null });
    expect(row!.lastResponse).toContain('signing secret cannot be read');
    await pauseEndpoint(database().db, id, actor);
  });

  it('never queues a change twice when the sources are read again', async () => {
    const { id } = await endpoint('/flaky', ['person.created', 'person.updated']);
    const personId = await newPerson();
    await database()
      .db.update(supporters)
      .set({ updatedAt: sql`${supporters.createdAt} + interval '1 millisecond'` })
      .where(eq(supporters.id, personId));
    await capture();
    const first = (await deliveriesOf(id)).map((d) => d.idempotencyKey).sort();
    expect(first).toHaveLength(2);
    expect(first[0]).toBe(`person.created:${personId}`);
    expect(first[1]).toMatch(new RegExp(`^person\\.updated:${personId}:\\d+$`));
    // Every cursor back to the start: everything is read again, and nothing new is queued.
    await database().db.update(webhookCursors).set({ at: '2000-01-01T00:00:00Z', lastId: 0 });
    expect(await capture()).toBe(0);
    expect((await deliveriesOf(id)).map((d) => d.idempotencyKey).sort()).toEqual(first);
    await pauseEndpoint(database().db, id, actor);
  });

  it('sends nothing to a paused endpoint, and nothing it missed when resumed', async () => {
    const { id } = await endpoint('/flaky', ['person.created']);
    await pauseEndpoint(database().db, id, actor);
    await newPerson();
    await capture();
    expect(await deliveriesOf(id)).toEqual([]);
  });

  it('pauses an endpoint that failed for three days and tells each admin once', async () => {
    const { id } = await endpoint('/down', ['person.created']);
    await newPerson();
    await capture();
    const t0 = soon();
    expect((await sendDueDeliveries(deps, { now: t0 })).retry).toBe(1);
    expect((await getEndpoint(database().db, id))!.failingSince?.getTime()).toBe(t0.getTime());
    // Two days on: still failing, not yet paused.
    expect((await sendDueDeliveries(deps, { now: new Date(t0.getTime() + 2 * 24 * 60 * MINUTE) })).retry).toBe(1);
    expect((await getEndpoint(database().db, id))!.status).toBe('active');
    const later = new Date(t0.getTime() + 3 * 24 * 60 * MINUTE + MINUTE);
    expect((await sendDueDeliveries(deps, { now: later })).paused).toBe(1);
    expect(await getEndpoint(database().db, id)).toMatchObject({ status: 'paused', pausedReason: 'failing' });

    const told = () =>
      database()
        .db.select({ to: emailOutbox.toAddress, data: emailOutbox.data })
        .from(emailOutbox)
        .where(and(eq(emailOutbox.template, 'webhook-paused')));
    const admins = (await told()).filter((m) => m.data.endpointId === id);
    expect(admins.length).toBeGreaterThan(0);
    expect(new Set(admins.map((m) => m.to)).size).toBe(admins.length);
    const [message] = await database()
      .db.select()
      .from(emailOutbox)
      .where(eq(emailOutbox.template, 'webhook-paused'))
      .orderBy(desc(emailOutbox.id))
      .limit(1);
    const sender = { name: 'PSJ', address: 'no-reply@psj.example', postalAddress: 'Portland', publicUrl: PUBLIC_URL };
    const content = await webhookTemplates()['webhook-paused']!.render(message!, {
      locale: 'en',
      sender,
      link: (path) => `${PUBLIC_URL}${path}`,
    });
    expect(content.subject).toBe('Webhook paused: Receiver /down');
    expect(content.action?.url).toBe(`${PUBLIC_URL}/admin/webhooks/${id}`);
    expect(content.bodyText).toContain('failed every delivery for 3 days');
    // Later passes claim nothing of a paused endpoint, so nobody is told again.
    await sendDueDeliveries(deps, { now: new Date(later.getTime() + 24 * 60 * MINUTE) });
    expect((await told()).filter((m) => m.data.endpointId === id)).toHaveLength(admins.length);
  });

  it('tells of a verified signature by its ids and its link in the API, and every source reads', async () => {
    const { id } = await endpoint('/flaky', ['signature.verified']);
    const personId = await newPerson();
    const [petition] = await database()
      .db.insert(petitions)
      .values({
        slug: `webhook-probe-${Date.now()}`,
        target: 'Oregon Legislature',
        en: { title: 'Probe', summary: 'Probe', body: 'Probe' } as never,
        goal: 100,
      })
      .returning({ id: petitions.id });
    const [signature] = await database()
      .db.insert(signatures)
      .values({
        petitionId: petition!.id,
        supporterId: personId,
        givenName: 'Private',
        familyName: 'Person',
        zip: '97201',
        status: 'verified',
        tokenHash: `probe-${Date.now()}`,
        verifiedAt: new Date(),
        expiresAt: new Date(Date.now() + 24 * 60 * MINUTE),
      })
      .returning({ id: signatures.id });
    await capture();
    const [delivery] = await deliveriesOf(id);
    expect(delivery!.idempotencyKey).toBe(`signature.verified:${signature!.id}`);
    expect(JSON.parse(delivery!.body)).toMatchObject({
      event: 'signature.verified',
      data: {
        identifiers: [`groundswell:${personId}`],
        petition_id: petition!.id,
        signature_id: signature!.id,
      },
      _links: {
        self: { href: `${PUBLIC_URL}/api/v1/petitions/${petition!.id}/signatures/${signature!.id}` },
        'osdi:person': { href: `${PUBLIC_URL}/api/v1/people/${personId}` },
      },
    });
    await pauseEndpoint(database().db, id, actor);
    // Each source's statement runs on this database (RSVPs and letters have none here to read).
    for (const source of sources)
      expect(
        Array.isArray(await source.changesSince(database().db, { at: '2000-01-01T00:00:00Z', id: 0 }, new Date(), 5)),
        source.event,
      ).toBe(true);
  });

  describe('the screen', () => {
    it('shows admins the deliveries, and refuses every other role', async () => {
      const { app } = createTestApp(database());
      const admin = await signedInAs(app, database(), 'admin');
      const [first] = await database().db.select({ id: webhookDeliveries.endpointId }).from(webhookDeliveries).limit(1);
      const page = await admin.request(`/admin/webhooks/${first!.id}`);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('person.created:');
      expect(html).not.toContain('whsec_');
      expect((await admin.request('/admin/webhooks')).status).toBe(200);
      for (const role of ['organizer', 'editor', 'viewer'] as const) {
        const other = await signedInAs(app, database(), role);
        expect((await other.request('/admin/webhooks')).status, role).toBe(403);
        expect((await other.request(`/admin/webhooks/${first!.id}`)).status, role).toBe(403);
        const post = await other.post(
          '/admin/webhooks',
          { url: 'https://example.org/hook', description: 'x' },
          {
            from: '/admin/account',
          },
        );
        expect(post.status, role).toBe(403);
      }
    });

    it('shows the secret once, on the page after adding, and never in the audit log', async () => {
      const { app } = createTestApp(database());
      const admin = await signedInAs(app, database(), 'admin');
      const added = await admin.post(
        '/admin/webhooks',
        { url: 'https://crm.example.org/hooks/secret-path', description: 'Coalition CRM', 'event-letter-sent': 'on' },
        { from: '/admin/webhooks' },
      );
      expect(added.status).toBe(200);
      const secret = /value="(whsec_[A-Za-z0-9_-]{43})"/.exec(await added.text())?.[1];
      expect(secret).toBeDefined();
      const [made] = await database()
        .db.select({ id: webhookEndpoints.id })
        .from(webhookEndpoints)
        .where(eq(webhookEndpoints.description, 'Coalition CRM'));
      const base = `/admin/webhooks/${made!.id}`;
      const form = { from: base };
      expect((await admin.post(`${base}/pause`, {}, form)).status).toBe(303);
      expect((await getEndpoint(database().db, made!.id))!.status).toBe('paused');
      expect((await admin.post(`${base}/resume`, {}, form)).status).toBe(303);
      expect((await getEndpoint(database().db, made!.id))!.status).toBe('active');
      // Without the confirmation's answer, only the question.
      const asked = await admin.post(`${base}/rotate`, {}, form);
      expect(await asked.text()).toContain('Yes, change the secret');
      const rotated = await admin.post(`${base}/rotate`, { confirmed: 'yes' }, form);
      const fresh = /value="(whsec_[A-Za-z0-9_-]{43})"/.exec(await rotated.text())?.[1];
      expect(fresh).toBeDefined();
      expect(fresh).not.toBe(secret);
      expect((await admin.post(`${base}/delete`, { confirmed: 'yes' }, form)).status).toBe(303);
      expect(await getEndpoint(database().db, made!.id)).toBeUndefined();

      const entries = await database().db.execute(
        sql`select action, summary::text as s from audit_log
            where subject_type = 'webhook' and subject_id = ${String(made!.id)} order by id`,
      );
      const rows = (entries as unknown as { rows: { action: string; s: string }[] }).rows;
      expect(rows.map((r) => r.action)).toEqual([
        'webhook.create',
        'webhook.pause',
        'webhook.resume',
        'webhook.rotate',
        'webhook.delete',
      ]);
      const text = JSON.stringify(rows);
      expect(text).not.toContain(secret);
      expect(text).not.toContain(fresh);
      expect(text).not.toContain('secret-path');
      expect(text).toContain('Coalition CRM (crm.example.org)');
    });
  });
});
