import type { Db } from '../../../platform/db/client.ts';
import type { AdminFrame } from '../../../platform/http/admin.tsx';
import type { PageCache } from '../../../platform/http/page-cache.ts';
import type { CommitteeMembers } from '../campaigns-read.ts';

/** What the letter campaign screens are given by the app. */
export type LetterAdminDeps = {
  db: Db;
  frame: AdminFrame;
  cache: PageCache;
  /** Who sits on a committee, from the roster's committees when loaded: counts offices for a committee target. */
  committeeMembers?: CommitteeMembers | undefined;
  /** The roster's committee names, when the import has them: the editor offers them as a list to pick from. */
  committees?: ((db: Db) => Promise<string[]>) | undefined;
};
