import { rsvpActions } from '../features/events/service.ts';
import { writerActions } from '../features/letters/service.ts';
import { signerActions } from '../features/petitions/service.ts';
import type { ActionSource } from '../platform/supporter-actions.ts';

/**
 * What people do through each feature, handed to the supporter list for its filters and saved segments (issue 18).
 * A feature where supporters act adds its source here.
 */
export const supporterActionSources: readonly ActionSource[] = [signerActions, rsvpActions, writerActions];
