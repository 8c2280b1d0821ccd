import { sql } from 'drizzle-orm';
import type { Db } from '../../src/platform/db/client.ts';
import { createBroadcast, scheduleBroadcast } from '../../src/features/broadcasts/service.ts';

/**
 * `count` subscribed people tagged `tag`, written set-wise (100,000 take a
 * few seconds); a quarter of them read Spanish.
 */
export async function seedSubscribers(db: Db, count: number, tag: string): Promise<void> {
  await db.execute(sql`insert into supporters (email, email_as_typed, given_name, locale)
    select ${tag} || '-' || g || '@example.org', ${tag} || '-' || g || '@example.org', 'Person ' || g,
      case when g % 4 = 0 then 'es' else 'en' end
    from generate_series(1, ${count}) g`);
  const like = `${tag}-%`;
  await db.execute(
    sql`insert into subscriptions (supporter_id, topic, status)
      select id, 'newsletter', 'subscribed' from supporters where email like ${like}`,
  );
  await db.execute(
    sql`insert into supporter_tags (supporter_id, tag) select id, ${tag} from supporters where email like ${like}`,
  );
}

/** A two-language broadcast to everyone tagged `tag`, due now. */
export async function scheduleTaggedBroadcast(db: Db, tag: string): Promise<number> {
  const b = await createBroadcast(
    db,
    {
      name: `Load ${tag}`,
      en: {
        subject: 'Advocacy Day is coming, {{givenName}}',
        preheader: 'Join us at the Capitol',
        body: 'Hello {{givenName}},\n\nWe are going to Salem. [Read the tips](/tips) before you come.',
      },
      es: {
        subject: 'Se acerca el Día de Incidencia, {{givenName}}',
        preheader: 'Acompáñanos en el Capitolio',
        body: 'Hola, {{givenName}}:\n\nVamos a Salem. [Lee los consejos](/tips) antes de venir.',
      },
      audience: { topic: 'newsletter', tag },
    },
    null,
  );
  await scheduleBroadcast(db, b.id, new Date());
  return b.id;
}
