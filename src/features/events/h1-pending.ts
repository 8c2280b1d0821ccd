// TEMPORARY (H2): the contract's signatures of H1's rsvp.ts, until ev-rsvp has them. Deleted on merge.
import type { Secrets } from '../../platform/crypto.ts';
import type { Db } from '../../platform/db/client.ts';
import type { Locale } from '../../platform/web/locale.ts';
import type { RsvpChange, RsvpInput } from './rsvp-inputs.ts';
import type { RsvpNeeds, RsvpStatus } from './schema.ts';

export type RsvpOutcome =
  | { kind: 'confirmed'; manageToken: string }
  | { kind: 'waitlisted'; position: number; manageToken: string }
  | { kind: 'closed'; why: 'cancelled' | 'deadline-passed' | 'over' | 'draft' };
export type RsvpDeps = { secrets: Secrets; publicUrl: string };
export type RsvpView = {
  id: number;
  eventId: number;
  status: RsvpStatus;
  position: number | null;
  locale: Locale;
  givenName: string;
  sessionIds: number[];
  needs: RsvpNeeds;
  photoConsent: boolean;
  answers: Record<string, string>;
};
const pending = (): never => {
  throw new Error('H1 pending');
};
export async function submitRsvp(
  _db: Db,
  _deps: RsvpDeps,
  _eventId: number,
  _input: RsvpInput,
  _ctx: { locale: Locale; source?: string },
): Promise<RsvpOutcome> {
  return pending();
}
export async function rsvpByToken(_db: Db, _token: string): Promise<RsvpView | undefined> {
  return pending();
}
export async function changeRsvp(
  _db: Db,
  _deps: RsvpDeps,
  _token: string,
  _input: RsvpChange,
): Promise<RsvpView | undefined> {
  return pending();
}
export async function cancelRsvp(
  _db: Db,
  _deps: RsvpDeps,
  _token: string,
): Promise<{ cancelled: boolean; promoted: number[] }> {
  return pending();
}
