import type { Secrets } from '../../platform/crypto.ts';
import { UNCONFIRMED_MS } from '../../platform/retention.ts';
import type { Locale } from '../../platform/web/locale.ts';
import type { NewEmail } from '../email/service.ts';
import type { SignupInput } from '../supporters/service.ts';
import type { DistrictSource } from './schema.ts';

/**
 * A signature waits this long for its confirmation, then expires without ever having counted and is deleted
 * (retention.ts).
 */
export const SIGNATURE_PENDING_MS = UNCONFIRMED_MS;
/**
 * Confirmation emails per signature, ever: signing again re-sends the link, but a form cannot be used to flood
 * someone.
 */
export const CONFIRMATIONS_PER_SIGNATURE = 3;

/** A valid, complete signature on its way to the database. */
export type PendingSignature = {
  petitionId: number;
  /** Normalized: the supporter's key. */
  email: string;
  emailAsTyped: string;
  givenName: string;
  familyName: string;
  zip: string;
  street: string | null;
  comment: string | null;
  showPublicly: boolean;
  senateDistrict: string | null;
  houseDistrict: string | null;
  districtSource: DistrictSource;
  city: string | null;
  county: string | null;
  locale: Locale;
  ipHash: string | null;
  /** The ?source= code that brought them, kept as a new supporter's first source. */
  source: string | null;
  /** How it came, for the person's timeline: the web form unless said (the OSDI API says `api`). */
  method?: 'web-form' | 'api' | undefined;
  /** Set when they ticked the newsletter box: a separate double opt-in through the supporters feature. */
  newsletter: SignupInput | undefined;
  /** For the confirmation email, in the signer's language; `message` is the petition's words above its button. */
  petition: { slug: string; title: string; message?: string };
};

export type SignOutcome = {
  signatureId: number | undefined;
  /** False for a repeat: one person, one signature. */
  fresh: boolean;
  confirmationQueued: boolean;
  newsletterQueued: boolean;
};

/** What writing a batch of signatures needs besides the signatures; `now` is for tests of dates. */
export type SigningContext = { secrets: Secrets; emailDomain: string; now?: Date };

/**
 * The emailed link's token, derived from the signature's nonce with
 * SECRET_KEY: a repeat re-sends the same link (an earlier email keeps
 * working) though only the token's hash is stored. Forging one needs
 * SECRET_KEY; reading the database is not enough.
 */
export function signatureToken(secrets: Secrets, nonce: string): string {
  return secrets.hmac('links', `petition-signature:${nonce}`);
}

/**
 * The confirmation email for a signature's `nth` link: its idempotency key keeps a retried batch from sending it
 * twice.
 */
export function confirmationEmail(s: PendingSignature, nonce: string, token: string, nth: number): NewEmail {
  return {
    idempotencyKey: `petition-confirm:${nonce}:${nth}`,
    to: s.email,
    kind: 'transactional',
    template: 'petition-confirm',
    locale: s.locale,
    data: {
      token,
      givenName: s.givenName,
      slug: s.petition.slug,
      title: s.petition.title,
      ...(s.petition.message ? { message: s.petition.message } : {}),
    },
  };
}
