import { Hono } from 'hono';
import { z } from 'zod';
import { plainText } from '../../../platform/plain-text.ts';
import type { Db } from '../../../platform/db/client.ts';
import type { AdminEnv, AdminFrame, AdminIdentity } from '../../../platform/http/admin.tsx';
import { listAudit, listAuditActions } from '../service.ts';
import { AuditPage } from './views.tsx';

const filtersSchema = z.object({
  actor: z.coerce.number().int().positive().optional().catch(undefined),
  // A filter that is not plain text (a NUL would reach PostgreSQL) is ignored, as any filter that does not parse.
  action: plainText({ max: 80, trim: false }).optional().catch(undefined),
  subject: plainText({ max: 80, trim: false }).optional().catch(undefined),
  from: z.iso.date().optional().catch(undefined),
  to: z.iso.date().optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1),
});

export type AuditScreenDeps = {
  db: Db;
  frame: AdminFrame;
  /** Who may read the log, and the staff to filter it by: staff's answers, passed in, as staff writes to this log. */
  mayRead: (staff: AdminIdentity) => boolean;
  staffNames: (db: Db) => Promise<{ id: number; displayName: string }[]>;
};

/** The audit log, for admins: read and filter only. There is deliberately no route that changes it. */
export function auditRoutes(deps: AuditScreenDeps): Hono<AdminEnv> {
  const { db, frame, staffNames } = deps;
  const app = new Hono<AdminEnv>();
  app.use(frame.requireSignedIn(), frame.allow(deps.mayRead));

  app.get('/', async (c) => {
    const f = filtersSchema.parse(c.req.query());
    const perPage = 50;
    const [result, actions, staff] = await Promise.all([
      listAudit(db, {
        actorId: f.actor,
        action: f.action || undefined,
        subjectType: f.subject || undefined,
        from: f.from ? new Date(`${f.from}T00:00:00Z`) : undefined,
        to: f.to ? new Date(`${f.to}T23:59:59.999Z`) : undefined,
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
        />
      ),
    });
  });

  return app;
}
