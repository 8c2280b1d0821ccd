import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { rowsOf, type Db } from '../../platform/db/client.ts';
import { safeEqual, sha256 } from '../../platform/crypto.ts';
import type { AppEnv } from '../../platform/http/env.ts';
import { parseFeedback, type EmailFeedback } from './feedback-reports.ts';
import { suppress } from './suppressions.ts';

export const EMAIL_WEBHOOK_PATH = '/webhooks/email';

/**
 * What the rest of the app does with a report (the supporters feature puts
 * it on the person's timeline), inside the same transaction as the
 * suppression, so a report is either wholly taken in or not at all.
 */
export type RecordFeedback = (tx: Db, feedback: EmailFeedback) => Promise<unknown>;

/**
 * Bounce and complaint reports from the relay. The shared secret comes in
 * the Authorization header (Bearer, or Basic with the secret as password),
 * never in the URL: request logs keep paths, and a secret there would leak.
 * Without a configured secret the route does not exist.
 */
export function emailWebhookRoutes(deps: {
  db: Db;
  secret: string | undefined;
  recordFeedback?: RecordFeedback;
}): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { db, secret } = deps;

  app.post(
    EMAIL_WEBHOOK_PATH,
    // Reports are small; a provider that includes the bounced message's content stays far below this.
    bodyLimit({ maxSize: 1024 * 1024, onError: (c) => c.json({ error: 'payload too large' }, 413) }),
    async (c) => {
      if (!secret) return c.notFound();
      if (!authorized(c.req.header('authorization'), secret))
        return c.json({ error: 'unauthorized' }, 401, { 'WWW-Authenticate': 'Bearer' });
      let body: unknown;
      try {
        body = JSON.parse(await c.req.text());
      } catch {
        return c.json({ error: 'the body is not JSON' }, 400);
      }
      const parsed = parseFeedback(body);
      if (!parsed.ok) return c.json({ error: 'invalid payload', issues: parsed.issues }, 400);
      let suppressed = 0;
      for (const event of parsed.events) {
        if (await takeIn(db, event, deps.recordFeedback)) suppressed++;
      }
      // Counts only: the events hold addresses, which never go to the log.
      c.get('log')?.info(
        { events: parsed.events.length, suppressed, ignored: parsed.ignored },
        'email feedback received',
      );
      return c.json({ received: parsed.events.length, suppressed, ignored: parsed.ignored }, 200, {
        'Cache-Control': 'no-store',
      });
    },
  );

  return app;
}

/** Suppresses the address when the report calls for it, and records it; true when a new suppression was made. */
async function takeIn(db: Db, event: EmailFeedback, record: RecordFeedback | undefined): Promise<boolean> {
  return db.transaction(async (tx) => {
    // Providers retry, sometimes twice at once: the same report waits for its twin to finish, then finds it recorded.
    await rowsOf(tx, sql`select pg_advisory_xact_lock(hashtext(${`email-feedback:${event.key}`}))`);
    const permanent = event.type === 'complaint' || event.bounceType === 'hard';
    const made = permanent
      ? await suppress(
          tx,
          event.email,
          event.type === 'complaint' ? 'complaint' : 'hard-bounce',
          event.source,
          event.at,
        )
      : false;
    await record?.(tx, event);
    return made;
  });
}

/**
 * Bearer <secret>, or Basic with the secret as the password (Postmark's HTTP auth). Compared as hashes: constant time,
 * any length.
 */
export function authorized(header: string | undefined, secret: string): boolean {
  if (!header) return false;
  const [, scheme = '', value = ''] = /^(\S+)\s+(.*)$/.exec(header.trim()) ?? [];
  let given: string | undefined;
  if (scheme.toLowerCase() === 'bearer') given = value;
  if (scheme.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    given = decoded.slice(decoded.indexOf(':') + 1);
  }
  return given !== undefined && given !== '' && safeEqual(sha256(given), sha256(secret));
}
