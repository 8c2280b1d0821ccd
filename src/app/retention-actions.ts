import { forgetRsvpsToPastEvents } from '../features/events/service.ts';
import { forgetSignaturesOnClosedPetitions } from '../features/petitions/service.ts';
import type { RetentionActions } from '../features/retention/service.ts';
import { eraseQuietSupporters, subscribedCondition } from '../features/supporters/service.ts';
import type { PersonalDataPart } from '../platform/personal-data.ts';

/**
 * What each retention rule does, composed from the features that hold the data (issue 18). Everyone subscribed
 * to our emails is spared by the rules on past actions. `parts` are what a quiet person's erasure reaches.
 */
export function retentionActions(parts: readonly PersonalDataPart[]): RetentionActions {
  return {
    'closed-petition-signatures': (db, cutoff) => forgetSignaturesOnClosedPetitions(db, cutoff, subscribedCondition),
    'past-event-rsvps': (db, cutoff) => forgetRsvpsToPastEvents(db, cutoff, subscribedCondition),
    'inactive-supporters': (db, cutoff) => eraseQuietSupporters(db, cutoff, parts),
  };
}
