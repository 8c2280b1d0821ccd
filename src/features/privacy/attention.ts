import { and, asc, inArray, isNotNull, lt } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { privacyRequests, type RequestStatus } from './schema.ts';

/** How close to its deadline a request waiting for staff shows on the workspace home. */
const WARN_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

const kindWords: Record<string, string> = { copy: 'A copy', correction: 'A correction', deletion: 'A deletion' };

/**
 * Requests that need staff soon, for the workspace home: past their legal deadline, or within a week of it.
 * Named by kind and number only: the home is seen by everyone who may read the requests, and a name is not needed
 * to know one is late.
 */
export async function privacyRequestsNeedingAttention(
  db: Db,
  now = new Date(),
): Promise<{ label: string; href: string; reason: string }[]> {
  const waiting: RequestStatus[] = ['open', 'appealed'];
  const rows = await db
    .select({
      id: privacyRequests.id,
      kind: privacyRequests.kind,
      status: privacyRequests.status,
      dueAt: privacyRequests.dueAt,
    })
    .from(privacyRequests)
    .where(
      and(
        inArray(privacyRequests.status, waiting),
        isNotNull(privacyRequests.dueAt),
        lt(privacyRequests.dueAt, new Date(now.getTime() + WARN_DAYS * DAY_MS)),
      ),
    )
    .orderBy(asc(privacyRequests.dueAt))
    .limit(20);
  return rows.map((r) => {
    const days = Math.ceil((r.dueAt!.getTime() - now.getTime()) / DAY_MS);
    const what = `${kindWords[r.kind] ?? 'A'} request${r.status === 'appealed' ? ' (appealed)' : ''}`;
    return {
      label: `Privacy request ${r.id}`,
      href: `/admin/privacy/${r.id}`,
      reason:
        days < 0
          ? `${what}, ${-days === 1 ? 'a day' : `${-days} days`} past the legal deadline.`
          : days === 0
            ? `${what}, due today.`
            : `${what}, due in ${days === 1 ? 'a day' : `${days} days`}.`,
    };
  });
}
