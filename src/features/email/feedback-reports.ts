import { z } from 'zod';
import { sha256 } from '../../platform/crypto.ts';
import { emailAddress, normalizeEmail } from '../../platform/email-address.ts';

/**
 * Bounce and complaint reports from the relay, in the two shapes POST
 * /webhooks/email accepts (documented in docs/operations.md and ADR 020),
 * turned into one form.
 */
export type EmailFeedback = {
  type: 'bounce' | 'complaint';
  /** Bounces only: a hard bounce will never deliver; a soft one might later. */
  bounceType?: 'hard' | 'soft' | undefined;
  /** The address as reported (normalize before using it as a key). */
  email: string;
  /** The message it is about, as the relay names it. */
  messageId?: string | undefined;
  at: Date;
  source: 'webhook:generic' | 'webhook:postmark';
  /** The same for every delivery of the same report, so a repeat changes nothing. */
  key: string;
  /** What the provider called it (Postmark's Type), for the timeline. */
  providerType?: string | undefined;
};

/** At most this many events in one generic request. */
export const MAX_EVENTS = 500;

const instant = z
  .string()
  .max(64)
  .refine((v) => !Number.isNaN(Date.parse(v)), 'must be an ISO 8601 date and time');

const genericEvent = z
  .object({
    type: z.enum(['bounce', 'complaint']),
    email: emailAddress('email is required'),
    bounceType: z.enum(['hard', 'soft']).optional(),
    messageId: z.string().max(998).optional(),
    at: instant.optional(),
    /** The provider's own id for the event, if it has one: the surest way to recognise a repeat. */
    id: z.string().max(200).optional(),
  })
  .refine((e) => e.type !== 'bounce' || e.bounceType !== undefined, {
    message: 'a bounce needs bounceType "hard" or "soft"',
    path: ['bounceType'],
  });

const genericPayload = z.object({ events: z.array(genericEvent).min(1).max(MAX_EVENTS) });

// Postmark's bounce and spam-complaint webhooks post one record each; other fields are ignored.
const postmarkPayload = z.looseObject({
  RecordType: z.string().max(40),
  ID: z.union([z.number().int(), z.string().max(100)]).optional(),
  Type: z.string().max(60).optional(),
  MessageID: z.string().max(200).optional(),
  Email: emailAddress('Email is required').optional(),
  BouncedAt: instant.optional(),
});

/** Postmark bounce types that mean the address will never accept mail. */
const postmarkHard = new Set(['HardBounce', 'BadEmailAddress']);
/** Postmark "bounces" that say nothing about deliverability: out-of-office replies, challenge mails and the like. */
const postmarkIgnored = new Set([
  'AutoResponder',
  'AddressChange',
  'ChallengeVerification',
  'OpenRelayTest',
  'Subscribe',
  'Unsubscribe',
  'InboundError',
  'TemplateRenderingFailed',
]);

export type ParsedReports =
  | { ok: true; events: EmailFeedback[]; ignored: number }
  | { ok: false; issues: { path: string; message: string }[] };

function failed(error: z.ZodError): ParsedReports {
  // Paths and messages only: never the values, which hold addresses.
  return { ok: false, issues: error.issues.slice(0, 20).map((i) => ({ path: i.path.join('.'), message: i.message })) };
}

const keyOf = (parts: unknown[]) => sha256(JSON.stringify(parts));

export function parseFeedback(body: unknown): ParsedReports {
  if (body !== null && typeof body === 'object' && 'events' in body) {
    const parsed = genericPayload.safeParse(body);
    if (!parsed.success) return failed(parsed.error);
    const events = parsed.data.events.map((e): EmailFeedback => {
      const bounceType = e.type === 'bounce' ? e.bounceType : undefined;
      return {
        type: e.type,
        bounceType,
        email: e.email,
        messageId: e.messageId,
        at: e.at ? new Date(e.at) : new Date(),
        source: 'webhook:generic',
        key: e.id
          ? `generic:${e.id}`
          : keyOf(['generic', e.type, bounceType ?? '', normalizeEmail(e.email), e.messageId ?? '', e.at ?? '']),
      };
    });
    return { ok: true, events, ignored: 0 };
  }
  if (body !== null && typeof body === 'object' && 'RecordType' in body) {
    const parsed = postmarkPayload.safeParse(body);
    if (!parsed.success) return failed(parsed.error);
    const p = parsed.data;
    const complaint = p.RecordType === 'SpamComplaint' || p.Type === 'SpamComplaint';
    // Deliveries, opens, clicks (if someone points those here too) and informational bounces: nothing to do.
    if ((p.RecordType !== 'Bounce' && !complaint) || (!complaint && postmarkIgnored.has(p.Type ?? '')))
      return { ok: true, events: [], ignored: 1 };
    if (!p.Email) return { ok: false, issues: [{ path: 'Email', message: 'Email is required' }] };
    return {
      ok: true,
      ignored: 0,
      events: [
        {
          type: complaint ? 'complaint' : 'bounce',
          bounceType: complaint ? undefined : postmarkHard.has(p.Type ?? '') ? 'hard' : 'soft',
          email: p.Email,
          messageId: p.MessageID,
          at: p.BouncedAt ? new Date(p.BouncedAt) : new Date(),
          source: 'webhook:postmark',
          key:
            p.ID !== undefined
              ? `postmark:${p.RecordType}:${p.ID}`
              : keyOf([
                  'postmark',
                  p.RecordType,
                  p.Type ?? '',
                  normalizeEmail(p.Email),
                  p.MessageID ?? '',
                  p.BouncedAt ?? '',
                ]),
          providerType: p.Type,
        },
      ],
    };
  }
  return {
    ok: false,
    issues: [{ path: '', message: 'expected {"events": [...]} or a Postmark bounce or spam-complaint record' }],
  };
}
