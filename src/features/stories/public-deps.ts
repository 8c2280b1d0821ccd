import type { Context } from 'hono';
import type { Secrets } from '../../platform/crypto.ts';
import type { Db } from '../../platform/db/client.ts';
import type { AppEnv } from '../../platform/http/env.ts';
import type { FormGuard } from '../../platform/http/form-challenge.ts';
import type { PageCache } from '../../platform/http/page-cache.ts';
import type { SiteFrame } from '../../platform/web/layout.tsx';
import type { StoryVault } from './keys.ts';

/** What the public story routes are given by the app. */
export type StoriesPublicDeps = {
  db: Db;
  vault: StoryVault;
  cache: PageCache;
  secrets: Secrets;
  secure: boolean;
  publicUrl: string;
  siteFrame: () => Promise<SiteFrame>;
  notFound: (c: Context<AppEnv>) => Promise<Response>;
  /** Proof-of-work and the stricter limit for forms sent without it (ADR 019), as the other public forms use it. */
  formGuard: FormGuard;
  /** Tells the email worker there is something to send now. */
  emailQueued: () => void;
};
