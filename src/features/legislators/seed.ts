import { count } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { createBill, saveScorecard } from './agenda.ts';
import { agendaBills, scorecards } from './schema.ts';

export const DEMO_SESSION = '2027 regular session';

/**
 * The demo's agenda: one sample bill, marked as a sample and with no number (a real-looking number
 * would pass for a real bill), no sponsors and no votes, since a vote put in a real legislator's
 * name would be invented; and a scorecard for its session, left unpublished.
 */
export async function seedDemoAgenda(db: Db): Promise<{ seeded: boolean }> {
  const [[bills], [cards]] = await Promise.all([
    db.select({ n: count() }).from(agendaBills),
    db.select({ n: count() }).from(scorecards),
  ]);
  if ((bills?.n ?? 0) > 0 || (cards?.n ?? 0) > 0) return { seeded: false };
  await createBill(
    db,
    {
      session: DEMO_SESSION,
      billNumber: '',
      titleEn: 'Sample bill: invest in community safety and survivor services',
      titleEs: 'Proyecto de ley de muestra: invertir en seguridad comunitaria y servicios para sobrevivientes',
      position: 'support',
      path: '',
      sponsorIds: [],
    },
    null,
    true,
  );
  await saveScorecard(
    db,
    {
      session: DEMO_SESSION,
      gradeSteps: [
        { atLeast: 90, grade: 'A' },
        { atLeast: 80, grade: 'B' },
        { atLeast: 70, grade: 'C' },
        { atLeast: 60, grade: 'D' },
        { atLeast: 0, grade: 'F' },
      ],
      absencesCount: false,
      published: false,
    },
    null,
  );
  return { seeded: true };
}
