import { eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { openDatabase, type Database } from '../../platform/db/client.ts';
import { emailOutbox } from '../email/schema.ts';
import { templateRenderer } from '../email/service.ts';
import { rsvpTemplates } from './rsvp-emails.ts';
import { makeEvent, rsvpInput, testPublicUrl, testRsvpDeps } from './rsvp-test-support.ts';
import { submitRsvp, type RsvpOutcome } from './rsvp.ts';
import { eventRsvps } from './schema.ts';

// Issue 15, must show 2: RSVPs that arrive at the same moment. On PostgreSQL each runs in its own
// connection from a pool of 30, so their transactions really overlap and contend for the event's row;
// PGlite, one connection, runs them one after another and must give the same answers.

const deps = testRsvpDeps();

describeEachDatabase('RSVPs at the same moment', (database, kind) => {
  let crowd: Database;
  beforeAll(async () => {
    const url = database().url;
    crowd =
      kind === 'postgres' && url ? await openDatabase({ url, poolSize: 30, waitForConnectionMs: 60_000 }) : database();
  });
  afterAll(async () => {
    if (crowd !== database()) await crowd.close();
  });
  const db = () => database().db;
  const render = () =>
    templateRenderer({
      sender: async () => ({
        name: 'PSJ',
        address: 'events@psj.example',
        postalAddress: '1 Main St',
        publicUrl: testPublicUrl,
      }),
      templates: rsvpTemplates(db()),
      listLinks: () => {
        throw new Error('RSVP mail is transactional');
      },
    });

  it('two people for the last seat: exactly one gets it, the other is first on the waitlist', async () => {
    for (let round = 0; round < 10; round++) {
      const event = await makeEvent(db(), { capacity: 3 });
      for (const n of [1, 2]) await submitRsvp(db(), deps, event.id, rsvpInput(`last-${round}-${n}`), { locale: 'en' });
      const [a, b] = await Promise.all(
        ['a', 'b'].map((who) =>
          submitRsvp(crowd.db, deps, event.id, rsvpInput(`last-${round}-${who}`), { locale: 'en' }),
        ),
      );
      expect([a!.kind, b!.kind].sort()).toEqual(['confirmed', 'waitlisted']);
      expect([a, b].find((o) => o!.kind === 'waitlisted')).toMatchObject({ position: 1 });
      const rows = await db().select().from(eventRsvps).where(eq(eventRsvps.eventId, event.id));
      expect(rows.filter((r) => r.status === 'confirmed')).toHaveLength(3);
    }
  });

  it('200 at once for 50 seats: 50 confirmed, 150 waiting in the order they took the lock, each told which', async () => {
    const event = await makeEvent(db(), { capacity: 50 });
    const people = Array.from({ length: 200 }, (_, i) => rsvpInput(`crowd${i}`));
    const outcomes: RsvpOutcome[] = await Promise.all(
      people.map((p, i) => submitRsvp(crowd.db, deps, event.id, p, { locale: i % 2 ? 'es' : 'en' })),
    );
    const confirmed = outcomes.filter((o) => o.kind === 'confirmed');
    const waiting = outcomes.filter((o) => o.kind === 'waitlisted');
    expect(confirmed).toHaveLength(50);
    expect(waiting).toHaveLength(150);
    // Places 1..150, each once.
    expect(waiting.map((o) => o.position).sort((x, y) => x - y)).toEqual(Array.from({ length: 150 }, (_, i) => i + 1));

    // Arrival is the order the transactions took the event's lock, which is the order of waitlist_order (given
    // under the lock): each person's place is their rank in it.
    const rows = await db().select().from(eventRsvps).where(eq(eventRsvps.eventId, event.id));
    expect(rows.filter((r) => r.status === 'confirmed')).toHaveLength(50);
    expect(rows.filter((r) => r.status === 'confirmed').every((r) => r.waitlistOrder === null)).toBe(true);
    const line = rows.filter((r) => r.status === 'waitlisted').sort((x, y) => x.waitlistOrder! - y.waitlistOrder!);
    expect(new Set(line.map((r) => r.waitlistOrder)).size).toBe(150);
    const rankOfSupporter = new Map(line.map((r, i) => [r.supporterId, i + 1]));

    const renderer = render();
    const outbox = await db().select().from(emailOutbox).where(like(emailOutbox.toAddress, 'personcrowd%'));
    for (const [i, outcome] of outcomes.entries()) {
      const mail = outbox.filter((m) => m.toAddress === `personcrowd${i}@example.org`);
      expect(mail).toHaveLength(1);
      const message = await renderer(mail[0]!);
      if (outcome.kind === 'waitlisted') {
        expect(mail[0]!.template).toBe('event-rsvp-waitlisted');
        const row = rows.find((r) => rankOfSupporter.has(r.supporterId) && mail[0]!.data.rsvpId === r.id)!;
        expect(rankOfSupporter.get(row.supporterId)).toBe(outcome.position);
        expect(message.subject).toContain(i % 2 ? `número ${outcome.position}:` : `number ${outcome.position}:`);
        expect(message.attachments).toBeUndefined();
      } else {
        expect(mail[0]!.template).toBe('event-rsvp-confirmed');
        expect(message.subject).toMatch(i % 2 ? /^Tu lugar está confirmado/ : /^You're registered/);
        expect(message.attachments?.[0]?.filename).toBe(`${event.slug}.ics`);
      }
    }
  }, 120_000);
});
