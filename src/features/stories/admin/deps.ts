import type { Db } from '../../../platform/db/client.ts';
import type { AdminFrame } from '../../../platform/http/admin.tsx';
import type { PageCache } from '../../../platform/http/page-cache.ts';
import type { StoryVault } from '../keys.ts';

/** What the workspace's story screens are given by the app. */
export type StoryAdminDeps = {
  db: Db;
  vault: StoryVault;
  frame: AdminFrame;
  /** The public page cache: publishing or unpublishing a story changes /stories at once. */
  cache: PageCache;
  publicUrl: string;
  /** Tells the email worker there is something to send now (asking a teller for consent again). */
  emailQueued: () => void;
};
