import { eq, like } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { addSignature, makePetition } from '../../../test/support/petition-signatures.ts';
import { signedInAs, type Browser } from '../../../test/support/staff.ts';
import type { Secrets } from '../../platform/crypto.ts';
import { auditLog } from '../audit/schema.ts';
import { signingIpHash, trending } from './abuse.ts';
import { signingBlocks, signingLimits } from './schema.ts';

const floodHash = 'FloodFloodFlood_0123456789-abcdefghijklmno';
const page = '/admin/petitions/abuse';

describeEachDatabase('abuse controls', (database) => {
  const db = () => database().db;
  let organizer: Browser;
  let secrets: Secrets;
  let live: ReturnType<typeof createTestApp>['petitions'];
  let first: number;
  let second: number;

  beforeAll(async () => {
    const made = createTestApp(database());
    secrets = made.secrets;
    live = made.petitions;
    organizer = await signedInAs(made.app, database(), 'organizer');
    first = await makePetition(db(), 'abuse-first');
    second = await makePetition(db(), 'abuse-second');
    const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);
    // A flood in the last hour: 25 on one petition and 5 on another, from one address and one throwaway domain.
    for (let i = 0; i < 30; i++)
      await addSignature(db(), i < 25 ? first : second, {
        ipHash: floodHash,
        emailDomain: 'throwaway.example',
        createdAt: minutesAgo(i),
      });
    // The same address two hours ago: not trending any more.
    for (let i = 0; i < 40; i++)
      await addSignature(db(), first, {
        ipHash: floodHash,
        emailDomain: 'old-flood.example',
        createdAt: minutesAgo(120 + i),
      });
    // Ordinary signers.
    for (let i = 0; i < 3; i++)
      await addSignature(db(), first, {
        ipHash: `Quiet-${i}-0123456789abcdefghijklmnop`,
        emailDomain: 'example.net',
        createdAt: minutesAgo(5),
      });
  }, 60_000);

  it('counts the last hour’s hashed addresses and email domains, most first, and where most went', async () => {
    const now = await trending(db());
    expect(now.ips[0]).toEqual({ value: floodHash, signatures: 30, petitions: 2, petitionId: first, blocked: false });
    expect(now.ips.slice(1).every((r) => r.signatures === 1)).toBe(true);
    expect(now.domains[0]).toMatchObject({ value: 'throwaway.example', signatures: 30, petitions: 2 });
    expect(now.domains.map((d) => d.value)).not.toContain('old-flood.example');
    // Two hours back, the old flood shows.
    const wider = await trending(db(), { hours: 3 });
    expect(wider.ips[0]).toMatchObject({ value: floodHash, signatures: 70 });

    const html = await (await organizer.request(page)).text();
    expect(html).toContain('throwaway.example');
    expect(html).toContain(`${floodHash.slice(0, 12)}…`);
    expect(html).toContain(`href="/admin/petitions/${first}/signatures?ip=${floodHash}"`);
    expect(html).toContain(`href="/admin/petitions/${first}/signatures?domain=throwaway.example"`);
    expect(html).not.toContain('old-flood.example');
  });

  it('blocks a trending address by hash, a typed one by its stored hash, and a domain, each audited', async () => {
    // The signing guard has read the rules before the block (and would keep them for seconds)…
    expect(await live.guard.check(floodHash, 'example.net')).toBeUndefined();
    expect((await organizer.post(`${page}/blocks`, { kind: 'ip', ipHash: floodHash }, { from: page })).status).toBe(
      303,
    );
    // …and is told at once.
    expect(await live.guard.check(floodHash, 'example.net')).toBe('blocked');
    expect(
      (
        await organizer.post(
          `${page}/blocks`,
          { kind: 'ip', ip: ' 203.0.113.7 ', ipNote: 'Scripted flood' },
          { from: page },
        )
      ).status,
    ).toBe(303);
    expect(
      (
        await organizer.post(
          `${page}/blocks`,
          { kind: 'email-domain', domain: ' @Throwaway.Example. ', domainNote: '' },
          { from: page },
        )
      ).status,
    ).toBe(303);
    const blocks = await db().select().from(signingBlocks);
    expect(blocks.map((b) => [b.kind, b.value, b.note]).sort()).toEqual(
      [
        ['email-domain', 'throwaway.example', ''],
        ['ip', floodHash, ''],
        ['ip', signingIpHash(secrets, '203.0.113.7'), 'Scripted flood'],
      ].sort(),
    );
    // The address as a dual-stack socket reports it is the same address.
    expect(signingIpHash(secrets, '::ffff:203.0.113.7')).toBe(signingIpHash(secrets, '203.0.113.7'));
    const entries = await db().select().from(auditLog).where(eq(auditLog.action, 'petition.block-add'));
    expect(entries).toHaveLength(3);
    expect(JSON.stringify(entries)).not.toContain('203.0.113.7');
    expect(JSON.stringify(entries)).not.toContain('Scripted flood');

    const now = await trending(db());
    expect(now.ips[0]!.blocked).toBe(true);
    expect(now.domains[0]!.blocked).toBe(true);
    const html = await (await organizer.request(page)).text();
    expect(html).toContain('Scripted flood');
    expect(html).toContain('Domain throwaway.example');
  });

  it('re-shows a bad block with what was typed and a message by the field (422)', async () => {
    const ip = await organizer.post(`${page}/blocks`, { kind: 'ip', ip: '203.0.113', ipNote: 'typo' }, { from: page });
    expect(ip.status).toBe(422);
    const html = await ip.text();
    expect(html).toContain('<title>Error:');
    expect(html).toContain('id="ip-error"');
    expect(html).toContain('value="203.0.113"');
    expect(html).toContain('value="typo"');
    const domain = await organizer.post(
      `${page}/blocks`,
      { kind: 'email-domain', domain: 'not a domain' },
      { from: page },
    );
    expect(domain.status).toBe(422);
    expect(await domain.text()).toContain('id="domain-error"');
    expect((await organizer.post(`${page}/blocks`, { kind: 'ip', ipHash: 'short' }, { from: page })).status).toBe(422);
    expect((await organizer.post(`${page}/blocks`, { kind: 'everything' }, { from: page })).status).toBe(422);
    expect(await db().select().from(signingBlocks).where(like(signingBlocks.value, '%not a domain%'))).toEqual([]);
  });

  it('unblocks, audited', async () => {
    expect(
      (
        await organizer.post(
          `${page}/blocks/remove`,
          { kind: 'email-domain', value: 'throwaway.example' },
          { from: page },
        )
      ).status,
    ).toBe(303);
    expect(await db().select().from(signingBlocks).where(eq(signingBlocks.kind, 'email-domain'))).toEqual([]);
    expect(await db().select().from(auditLog).where(eq(auditLog.action, 'petition.block-remove'))).toHaveLength(1);
    // Gone already: nothing to record.
    expect(
      (
        await organizer.post(
          `${page}/blocks/remove`,
          { kind: 'email-domain', value: 'throwaway.example' },
          { from: page },
        )
      ).status,
    ).toBe(303);
    expect(await db().select().from(auditLog).where(eq(auditLog.action, 'petition.block-remove'))).toHaveLength(1);
    expect(
      (await organizer.post(`${page}/blocks/remove`, { kind: 'nonsense', value: 'x' }, { from: page })).status,
    ).toBe(400);
  });

  it('tunes the per-address rates, refusing an hourly limit below the burst', async () => {
    const html = await (await organizer.request(page)).text();
    expect(html).toMatch(/<input id="perIpBurst" name="perIpBurst"[^>]* value="10"/);
    expect(html).toContain('These are the defaults.');

    const bad = await organizer.post(`${page}/limits`, { perIpBurst: '20', perIpPerHour: '10' }, { from: page });
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(badHtml).toContain('id="perIpPerHour-error"');
    expect(badHtml).toContain('value="20"');
    expect(
      (await organizer.post(`${page}/limits`, { perIpBurst: 'many', perIpPerHour: '' }, { from: page })).status,
    ).toBe(422);
    expect(await db().select().from(signingLimits)).toEqual([]);

    expect(
      (await organizer.post(`${page}/limits`, { perIpBurst: '20', perIpPerHour: '200' }, { from: page })).status,
    ).toBe(303);
    expect(
      await db().select({ burst: signingLimits.perIpBurst, hour: signingLimits.perIpPerHour }).from(signingLimits),
    ).toEqual([{ burst: 20, hour: 200 }]);
    const [entry] = await db().select().from(auditLog).where(eq(auditLog.action, 'petition.limits-update'));
    expect(entry!.summary).toMatchObject({
      before: { perIpBurst: 10, perIpPerHour: 60 },
      after: { perIpBurst: 20, perIpPerHour: 200 },
    });
  });
});
