import type { Secrets } from '../../../platform/crypto.ts';
import type { Db } from '../../../platform/db/client.ts';
import type { AdminFrame } from '../../../platform/http/admin.tsx';

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
  live?: { counted(petition: { id: number; slug: string }): void; guard: { forget(): void } };
};

export const petitionIdParam = '/:id{[0-9]{1,9}}';

export { formText, readForm } from '../../../platform/http/form-body.ts';
