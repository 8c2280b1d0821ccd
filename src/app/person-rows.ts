import { broadcastPersonRows } from '../features/broadcasts/service.ts';
import { rsvpPersonRows } from '../features/events/service.ts';
import { letterPersonRows } from '../features/letters/service.ts';
import { signaturePersonRows } from '../features/petitions/service.ts';
import { privacyRequestPersonRows } from '../features/privacy/service.ts';
import type { PersonRowsPart } from '../platform/person-merge.ts';

/**
 * Every feature's rows that belong to a person, handed to the supporter list: a merge moves them to the kept
 * person and its undo moves them back, and the person page shows what each says they did (ADR 069). A feature
 * whose table references supporters.id adds its part here, or a merge would lose its rows to the cascade.
 */
export const personRowsParts: readonly PersonRowsPart[] = [
  signaturePersonRows,
  rsvpPersonRows,
  letterPersonRows,
  broadcastPersonRows,
  privacyRequestPersonRows,
];
