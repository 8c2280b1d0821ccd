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
  return [signaturePersonalData, rsvpPersonalData, letterPersonalData, storyPersonalData(storyVault)];
}
