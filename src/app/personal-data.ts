import { rsvpPersonalData } from '../features/events/service.ts';
import { letterPersonalData } from '../features/letters/service.ts';
import { signaturePersonalData } from '../features/petitions/service.ts';
import { storyPersonalData, type StoryVault } from '../features/stories/service.ts';
import type { PersonalDataPart } from '../platform/personal-data.ts';

/**
 * What every feature holds of a person, handed to the supporter list for a person's copy of their data and their
 * erasure (issue 18). A feature that keeps something of a person adds its part here.
 */
export function personalDataParts(storyVault: StoryVault): readonly PersonalDataPart[] {
  return [...actionParts, storyPersonalData(storyVault)];
}

/**
 * The parts that hang from the supporter record: what a person did (signed, RSVPed, wrote). Stories are kept apart,
 * found by their teller's address with the stories key, and keep their own retention (ADR 063): the hourly purge,
 * which holds no key, erases with these.
 */
export const actionParts: readonly PersonalDataPart[] = [signaturePersonalData, rsvpPersonalData, letterPersonalData];
