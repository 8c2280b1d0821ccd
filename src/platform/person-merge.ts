import type { Db } from './db/client.ts';

/**
 * What a merge moved of one feature's rows, as plain JSON kept in the merge log for the undo: the ids of the rows
 * now on the kept person (`moved`), and whole rows taken out because the kept person already had one where only one
 * may be (`setAside`, each row as `to_jsonb` wrote it, put back as it was by the undo).
 */
export type MovedRows = { moved: (number | string)[]; setAside: unknown[]; note?: string };

/** One line of "what this person did", for the person page. */
export type PersonActivity = { what: string; status: string; at: Date };

/**
 * One feature's rows that belong to a person (signatures, RSVPs, letters, broadcast recipients), for a merge of
 * two records of the same person and its undo (issue 18), and for the person page. Beside the personal-data
 * contract: the app hands every part to the supporter list, which imports none of the features.
 */
export type PersonRowsPart = {
  /** The part's key in the merge log ("signatures") and the heading's word on the person page. */
  name: string;
  /** Shown as a heading on the person page; undefined when the part has nothing to show there. */
  heading?: string;
  /**
   * In the merge's transaction: every row of `fromId` is made `toId`'s. Where the feature allows one row per
   * person (one signature per petition), it keeps the one its ADR says and sets the other aside.
   */
  reassignSupporter(tx: Db, fromId: number, toId: number): Promise<MovedRows>;
  /** In the undo's transaction, with `fromId` back: exactly the moved rows go back, the set-aside ones return. */
  restoreSupporter(tx: Db, fromId: number, toId: number, moved: MovedRows): Promise<void>;
  /** What this person did here, newest first. */
  activity?(db: Db, supporterId: number): Promise<PersonActivity[]>;
};
