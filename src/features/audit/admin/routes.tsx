import { Hono } from 'hono';
import { z } from 'zod';
import { plainText } from '../../../platform/plain-text.ts';
import type { Db } from '../../../platform/db/client.ts';
import type { AdminEnv, AdminFrame, AdminIdentity } from '../../../platform/http/admin.tsx';
import { zonedLocalToDate } from '../../../platform/web/time.ts';
import { auditReading, getAuditEntry, listAudit, listAuditActions, type AuditWords } from '../service.ts';
import { AuditEntryPage } from './views/entry.tsx';
import { AuditPage } from './views/log.tsx';

const filtersSchema = z.object({
  actor: z.coerce.number().int().positive().optional().catch(undefined),
  // A filter that is not plain text (a NUL would reach PostgreSQL) is ignored, as any filter that does not parse.
  action: plainText({ max: 80, trim: false }).optional().catch(undefined),
  subject: plainText({ max: 80, trim: false }).optional().catch(undefined),
  from: z.iso.date().optional().catch(undefined),
  to: z.iso.date().optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1),
});

/** "2026-03-08" → "2026-03-09": the end of a day typed is the next day's midnight, however long the day was. */
function nextDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + 1)).toISOString().slice(0, 10);
}

export type AuditScreenDeps = {
  db: Db;
  frame: AdminFrame;
  /** Who may read the log, and the staff to filter it by: staff's answers, passed in, as staff writes to this log. */
  mayRead: (staff: AdminIdentity) => boolean;
  staffNames: (db: Db) => Promise<{ id: number; displayName: string }[]>;
  /** Each feature's words for its own actions, so an entry reads as a sentence. */
  words: readonly AuditWords[];
};

/** The audit log, for admins: read and filter only. There is deliberately no route that changes it. */
export function auditRoutes(deps: AuditScreenDeps): Hono<AdminEnv> {
  const { db, frame, staffNames } = deps;
  const app = new Hono<AdminEnv>();
  app.use(frame.requireSignedIn(), frame.allow(deps.mayRead));

  app.get('/', async (c) => {
    const f = filtersSchema.parse(c.req.query());
    const perPage = 50;
    const timeZone = await frame.timeZone();
    // The days typed are the organisation's days: from its midnight to the next.
    const to = f.to ? zonedLocalToDate(`${nextDay(f.to)}T00:00`, timeZone) : undefined;
    const [result, actions, staff] = await Promise.all([
      listAudit(db, {
        actorId: f.actor,
        action: f.action || undefined,
        subjectType: f.subject || undefined,
        from: f.from ? zonedLocalToDate(`${f.from}T00:00`, timeZone) : undefined,
        to: to ? new Date(to.getTime() - 1) : undefined,
        page: f.page,
        perPage,
      }),
      listAuditActions(db),
      staffNames(db),
    ]);
    return frame.render(c, {
      title: 'Audit log',
      current: 'audit',
      body: (
        <AuditPage
          rows={result.rows}
          total={result.total}
          perPage={perPage}
          filters={f}
          actions={actions}
          staff={staff}
          reading={auditReading(deps.words, { timeZone, staff })}
          timeZone={timeZone}
        />
      ),
    });
  });

  app.get('/:id{[0-9]{1,15}}', async (c) => {
    const row = await getAuditEntry(db, Number(c.req.param('id')));
    if (!row) return c.notFound();
    const [timeZone, staff] = await Promise.all([frame.timeZone(), staffNames(db)]);
    const reading = auditReading(deps.words, { timeZone, staff });
    return frame.render(c, {
      title: reading.sentence(row),
      current: 'audit',
      body: <AuditEntryPage row={row} reading={reading} timeZone={timeZone} />,
    });
  });

  return app;
}
