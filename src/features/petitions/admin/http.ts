import type { Secrets } from '../../../platform/crypto.ts';
import type { Db } from '../../../platform/db/client.ts';
import type { AdminFrame } from '../../../platform/http/admin.tsx';
import type { Locale } from '../../../platform/web/locale.ts';
import type { Petition } from '../petition-editing.ts';

/** What the petition workspace's route files share. */
export type PetitionAdminDeps = {
  db: Db;
  frame: AdminFrame;
  /** For hashing IP addresses staff block, the way signatures store them. */
  secrets: Secrets;
  /** Set on PostgreSQL: signature exports then run in a process of their own (ADR 023). */
  databaseUrl?: string;
  /**
   * The public side's caches in this process, told when staff change what
   * they hold, so a block or an invalidation takes effect here at once
   * (other processes catch up on their own within seconds).
   */
  live?: {
    counted(petition: { id: number; slug: string }): void;
    guard: { forget(): void };
    /** The public page of any petition, a draft too, under a preview banner: for staff only. */
    preview(petition: Petition, locale: Locale): Promise<string>;
  };
};

export const petitionIdParam = '/:id{[0-9]{1,9}}';

export { formText, readForm } from '../../../platform/http/form-body.ts';
