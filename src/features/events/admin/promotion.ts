import type { Db } from '../../../platform/db/client.ts';

/**
 * A stand-in until the RSVP side's promoteWaitlist (rsvp.ts) is merged: raising capacity promotes nobody yet.
 * The app hands the real one to the editor's routes in its place.
 */
export async function promoteWaitlistLater(_db: Db, _eventId: number): Promise<number[]> {
  return [];
}
