import { Hono } from 'hono';
import type { Db } from '../../../platform/db/client.ts';
import type { AdminEnv, AdminFrame } from '../../../platform/http/admin.tsx';
import { auditReading, listAudit, type AuditWords } from '../../audit/service.ts';
import { contentNeedingAttention } from '../../content/service.ts';
import { privacyPermissions, privacyRequestsNeedingAttention } from '../../privacy/service.ts';
import { referencePermissions, referenceReadiness } from '../../reference/service.ts';
import { listStaff, staffPermissions } from '../../staff/service.ts';
import { WorkspaceHome } from './views.tsx';

/** The workspace's front page: what happened lately and what needs someone's attention. */
export function workspaceRoutes(deps: {
  db: Db;
  frame: AdminFrame;
  /** Each feature's words for its actions, so recent activity reads as sentences. */
  auditWords: readonly AuditWords[];
  /** Actions too routine for recent activity (the API's line a request); the audit log shows them. */
  routineActions?: readonly string[];
}): Hono<AdminEnv> {
  const { db, frame } = deps;
  const app = new Hono<AdminEnv>();
  app.get('/', frame.requireSignedIn(), async (c) => {
    const staff = c.get('staff')!;
    const seesEveryone = staffPermissions.viewAudit(staff);
    const [activity, content, team, timeZone, reference, privacy] = await Promise.all([
      listAudit(db, { actorId: seesEveryone ? undefined : staff.id, exceptActions: deps.routineActions, perPage: 10 }),
      contentNeedingAttention(db),
      listStaff(db),
      frame.timeZone(),
      referenceReadiness(db),
      // Privacy requests have a legal deadline: whoever answers them sees the late and the nearly due first.
      privacyPermissions.view(staff) ? privacyRequestsNeedingAttention(db) : [],
    ]);
    const attention = [
      ...privacy,
      ...content,
      ...(staff.totpEnabled
        ? []
        : [
            {
              label: 'Your account',
              href: '/admin/account',
              reason: 'Two-step sign-in is off: turn it on so a stolen password is not enough.',
            },
          ]),
      ...(seesEveryone ? team : [])
        .filter((m) => m.role === 'admin' && !m.totpEnabledAt && !m.disabledAt && m.id !== staff.id)
        .map((m) => ({
          label: m.displayName,
          href: `/admin/staff/${m.id}`,
          reason: 'An admin without two-step sign-in.',
        })),
    ];
    return frame.render(c, {
      title: 'Home',
      current: 'home',
      body: (
        <WorkspaceHome
          name={staff.displayName}
          activity={activity.rows}
          reading={auditReading(deps.auditWords, { timeZone, staff: team })}
          timeZone={timeZone}
          attention={attention}
          seesEveryone={seesEveryone}
          reference={
            reference.loaded
              ? undefined
              : {
                  importing: reference.importing,
                  mayLoad: referencePermissions.import(staff),
                  csrfToken: frame.csrfToken(c),
                }
          }
        />
      ),
    });
  });
  return app;
}
