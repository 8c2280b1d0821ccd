import type { Db } from './db/client.ts';

/** The person a data request is about: their supporter id, and every address they have been known by. */
export type DataSubject = { supporterId: number; emails: string[] };

/**
 * What one feature holds about a person, for their copy of their data and their erasure (issue 18). The supporter
 * list owns the person; each other feature that keeps something of theirs (signatures, RSVPs, letters, stories)
 * offers a part, and the app hands every part to the supporter feature, which imports none of them.
 */
export type PersonalDataPart = {
  /** The part's key in the copy ("signatures"): one array of plain JSON records, newest last. */
  name: string;
  /** This person's records, with everything they gave (a street, a comment, a letter's words). */
  export(db: Db, subject: DataSubject): Promise<unknown[]>;
  /**
   * In the erasure's transaction, before the supporter row goes: erase what a cascade from that row does not reach
   * (a story is kept apart from the supporter list, found by its teller's email). Leave it out when the cascade does.
   */
  erase?(tx: Db, subject: DataSubject): Promise<void>;
};
