import type { Context } from 'hono';
import type { Secrets } from '../../platform/crypto.ts';
import type { Db } from '../../platform/db/client.ts';
import type { AppEnv } from '../../platform/http/env.ts';
import type { FormGuard } from '../../platform/http/form-challenge.ts';
import type { PageCache } from '../../platform/http/page-cache.ts';
import type { PersonQuestion } from '../../platform/http/person-check.tsx';
import type { FieldErrors } from '../../platform/web/forms.tsx';
import type { ImageLibrary } from '../../platform/web/images.tsx';
import type { SiteFrame } from '../../platform/web/layout.tsx';
import type { EventDetails } from './events-read.ts';
import type { RsvpValues } from './views/rsvp-form.tsx';

/** What the public event routes are given by the app. */
export type EventsDeps = {
  db: Db;
  cache: PageCache;
  secrets: Secrets;
  secure: boolean;
  publicUrl: string;
  siteFrame: () => Promise<SiteFrame>;
  notFound: (c: Context<AppEnv>) => Promise<Response>;
  /** The media library, as the app composes it: pages show only the images it finds placeable. */
  images: ImageLibrary;
  /** Proof-of-work and the stricter limit for forms sent without it (ADR 019), as /join and petitions use it. */
  formGuard: FormGuard;
  /** Tells the email worker there is something to send now. */
  emailQueued: () => void;
  /** Staff's block lists (kept on the petitions' abuse screen), handed in by the app. */
  isBlocked?: (c: Context, email: string) => Promise<boolean>;
};

/** Renders an event's page with its RSVP form as sent, for the RSVP route's refusals. */
export type EventPageRenderer = (
  c: Context<AppEnv>,
  event: EventDetails,
  form: { values: RsvpValues; errors?: FieldErrors; personCheck?: PersonQuestion | undefined },
  status?: number,
) => Promise<Response>;
