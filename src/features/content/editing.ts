import type { AuditActor } from '../audit/service.ts';

/** Who is making a change, for the audit log and the version history. */
export type Editor = AuditActor;

/**
 * What a staff write answers. Input has been checked by then; what is left
 * are facts only the database knows: the item is gone, the address is taken,
 * or the item may not be removed.
 */
export type EditOutcome =
  | { ok: true }
  | { ok: false; problem: 'not-found' }
  | { ok: false; problem: 'refused'; field: string; message: string };

export const done: EditOutcome = { ok: true };
export const notFound: EditOutcome = { ok: false, problem: 'not-found' };

export function refused(field: string, message: string): EditOutcome {
  return { ok: false, problem: 'refused', field, message };
}
