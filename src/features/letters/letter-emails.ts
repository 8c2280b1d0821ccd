import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '../../platform/db/client.ts';
import type { Locale } from '../../platform/web/locale.ts';
import {
  paragraphs,
  type EmailContent,
  type EmailTemplate,
  type NewEmail,
  type TemplateContext,
} from '../email/service.ts';
import { supporterContact } from '../supporters/service.ts';
import { campaignById, type CampaignDetails } from './campaigns-read.ts';
import { letterDeliveries, letters } from './schema.ts';

// The emails of a letter: queued by letter.ts and delivery.ts in the transaction of what they tell,
// rendered by the email worker. The outbox row keeps ids only (and its recipient, decided when it was
// queued); the letter, its writer and its recipient's name are read when the message is made.
// The letter to an office is plain words: no images, no tracking, nothing an office's filter distrusts.

export const letterTemplateNames = {
  office: 'letter-to-office',
  copy: 'letter-copy',
  digest: 'letter-digest',
} as const;

/** The key that makes one message per letter per legislator, whatever retries or crashes happen. */
export const officeLetterKey = (letterId: number, legislatorId: string) => `letter:${letterId}:${legislatorId}`;
export const digestKey = (campaignId: number, legislatorId: string, day: string) =>
  `letter-digest:${campaignId}:${legislatorId}:${day}`;

export function officeLetterEmail(args: {
  letterId: number;
  legislatorId: string;
  to: string;
  locale: Locale;
}): NewEmail {
  return {
    idempotencyKey: officeLetterKey(args.letterId, args.legislatorId),
    to: args.to,
    kind: 'transactional',
    template: letterTemplateNames.office,
    locale: args.locale,
    data: { letterId: args.letterId, legislatorId: args.legislatorId },
  };
}

export function letterCopyEmail(args: { letterId: number; to: string; locale: Locale }): NewEmail {
  return {
    idempotencyKey: `letter-copy:${args.letterId}`,
    to: args.to,
    kind: 'transactional',
    template: letterTemplateNames.copy,
    locale: args.locale,
    data: { letterId: args.letterId },
  };
}

const words = {
  en: {
    testSubject: (s: string) => `[TEST] ${s}`,
    testLine: (who: string) =>
      `TEST: live delivery is off for this campaign, so this letter came to the review address. It would have gone to ${who}.`,
    chamber: { upper: 'Senator', lower: 'Representative' } as Record<string, string>,
    seat: (chamber: string, district: string) => `${chamber === 'upper' ? 'Senate' : 'House'} District ${district}`,
    constituent: 'Constituent',
    legislator: 'Legislator',
    copySubject: (t: string) => `Thank you for writing: ${t}`,
    copyLead: (n: number) =>
      n === 1
        ? 'Thank you: your letter is on its way to your legislator.'
        : `Thank you: your letter is on its way to ${n} legislators.`,
    copyTest:
      'This campaign is still being checked, so for now your letter went to our staff instead of the legislators. Nothing more is needed from you.',
    copyTo: 'It goes to:',
    copyBelow: 'Here is your copy:',
    copyShare: 'Ask a friend to write too: every letter from a constituent is counted.',
    share: 'Share the campaign',
    sample: 'This is a sample campaign on a demonstration site: no legislator receives it.',
    digestSubject: (n: number, s: string) => `${n} ${n === 1 ? 'letter' : 'letters'} from constituents: ${s}`,
    digestLead: (n: number, day: string, name: string) =>
      `${name}: ${n} ${n === 1 ? 'constituent wrote' : 'constituents wrote'} to you on ${day}. Each letter follows, with the writer's name and address.`,
    letterOf: (i: number, n: number) => `Letter ${i} of ${n}`,
  },
  es: {
    testSubject: (s: string) => `[PRUEBA] ${s}`,
    testLine: (who: string) =>
      `PRUEBA: el envío real está desactivado en esta campaña, así que esta carta llegó a la dirección de revisión. Habría ido a ${who}.`,
    chamber: { upper: 'Senador(a)', lower: 'Representante' } as Record<string, string>,
    seat: (chamber: string, district: string) =>
      `Distrito ${district} del ${chamber === 'upper' ? 'Senado' : 'la Cámara'}`,
    constituent: 'Elector(a)',
    legislator: 'Legislador(a)',
    copySubject: (t: string) => `Gracias por escribir: ${t}`,
    copyLead: (n: number) =>
      n === 1 ? 'Gracias: tu carta va camino a tu legislador(a).' : `Gracias: tu carta va camino a ${n} legisladores.`,
    copyTest:
      'Esta campaña aún se está revisando, así que por ahora tu carta llegó a nuestro equipo en lugar de a los legisladores. No necesitas hacer nada más.',
    copyTo: 'Va dirigida a:',
    copyBelow: 'Aquí tienes tu copia:',
    copyShare: 'Pídele a alguien que también escriba: cada carta de un elector cuenta.',
    share: 'Compartir la campaña',
    sample: 'Esta es una campaña de muestra en un sitio de demostración: ningún legislador la recibe.',
    digestSubject: (n: number, s: string) => `${n} ${n === 1 ? 'carta' : 'cartas'} de electores: ${s}`,
    digestLead: (n: number, day: string, name: string) =>
      `${name}: ${n} ${n === 1 ? 'elector le escribió' : 'electores le escribieron'} el ${day}. Cada carta sigue, con el nombre y la dirección de quien escribe.`,
    letterOf: (i: number, n: number) => `Carta ${i} de ${n}`,
  },
} satisfies Record<Locale, unknown>;

type LetterRow = {
  id: number;
  campaignId: number;
  locale: Locale;
  subject: string;
  body: string;
  story: string;
  street: string;
  city: string;
  zip: string;
  givenName: string;
  familyName: string;
  email: string;
};
type Recipient = { legislatorName: string; chamber: string; district: string };

/** Letters and their writers' names and emails (as the supporter record has them), oldest first. */
async function lettersWhere(db: Db, where: SQL): Promise<LetterRow[]> {
  const l = letters;
  const rows = await rowsOf<LetterRow>(
    db,
    sql`select ${l.id} as id, ${l.campaignId} as "campaignId", ${l.locale} as locale, ${l.subject} as subject,
          ${l.body} as body, ${l.story} as story, ${l.street} as street, ${l.city} as city, ${l.zip} as zip,
          ${supporterContact.givenName} as "givenName", ${supporterContact.familyName} as "familyName",
          ${supporterContact.email} as email
        from ${l} ${supporterContact.join(l.supporterId)}
        where ${where}
        order by ${l.createdAt}, ${l.id}`,
  );
  return rows.map((r) => ({ ...r, id: Number(r.id), campaignId: Number(r.campaignId) }));
}

/**
 * The letter as an office reads it: the campaign's greeting (with `{legislator}` made the recipient's
 * title and name), the writer's own words and story, the closing, then who wrote it and where they
 * live, since offices answer constituents.
 */
export function letterLines(c: CampaignDetails, letter: LetterRow, to: Recipient, locale: Locale): string[] {
  const t = words[locale];
  const title = `${t.chamber[to.chamber] ?? ''} ${to.legislatorName}`.trim();
  const greeting = c.text.greeting.replaceAll('{legislator}', title);
  const name = `${letter.givenName} ${letter.familyName}`.trim() || t.constituent;
  const place = [letter.city, `OR ${letter.zip}`].filter(Boolean).join(', ');
  return [
    ...(greeting ? [greeting] : []),
    ...letter.body.split(/\n{2,}/),
    ...(letter.story ? letter.story.split(/\n{2,}/) : []),
    ...(c.text.closing ? [c.text.closing] : []),
    [name, letter.street, place].join('\n'),
  ];
}

/**
 * The letter as it will read, for the form's preview step: the same paragraphs the office gets, to the
 * first of its recipients (or to "Legislator" when none is known yet).
 */
export function letterPreview(
  c: CampaignDetails,
  input: {
    givenName: string;
    familyName: string;
    email: string;
    subject: string;
    body: string;
    story: string;
    street: string;
    city: string;
    zip: string;
  },
  to: { name: string; chamber: string; district: string } | undefined,
  locale: Locale,
): { subject: string; paragraphs: string[] } {
  const letter: LetterRow = { id: 0, campaignId: c.id, locale, ...input };
  const recipient = to
    ? { legislatorName: to.name, chamber: to.chamber, district: to.district }
    : { legislatorName: words[locale].legislator, chamber: '', district: '' };
  const lines = letterLines(c, letter, recipient, locale);
  return { subject: input.subject, paragraphs: lines };
}

// Line breaks inside a paragraph are kept in the HTML part too (an address is three lines).
function withBreaks(lines: string[]): Pick<EmailContent, 'bodyHtml' | 'bodyText'> {
  const p = paragraphs(lines);
  return {
    bodyHtml: p.bodyHtml.replaceAll('\n', '<br>\n').replaceAll('</p><br>\n<p>', '</p>\n<p>'),
    bodyText: p.bodyText,
  };
}

/** A bare address for Reply-To, only when the header can carry it as is (no name, nothing to encode). */
const replyAddress = (email: string) => (/^[\x21-\x7e]+@[\x21-\x7e]+$/.test(email) ? email : undefined);

function who(to: Recipient, locale: Locale) {
  const t = words[locale];
  return `${t.chamber[to.chamber] ?? ''} ${to.legislatorName} (${t.seat(to.chamber, to.district)})`.trim();
}

/** The three templates, for the email runtime. */
export function letterTemplates(db: Db): Record<string, EmailTemplate> {
  return {
    [letterTemplateNames.office]: {
      async render(row, ctx: TemplateContext): Promise<EmailContent> {
        const { letterId, legislatorId } = row.data as { letterId: number; legislatorId: string };
        const [letter] = await lettersWhere(db, eq(letters.id, letterId));
        const [delivery] = await db
          .select()
          .from(letterDeliveries)
          .where(and(eq(letterDeliveries.letterId, letterId), eq(letterDeliveries.legislatorId, legislatorId)));
        if (!letter || !delivery) throw new Error(`letter ${letterId} to ${legislatorId} is gone`);
        const campaign = await campaignById(db, letter.campaignId, letter.locale);
        if (!campaign) throw new Error(`letter ${letterId}: its campaign is gone`);
        const t = words[ctx.locale];
        // The test mark follows the recipient chosen when it was queued: a message to a roster address is live.
        const test = !delivery.live;
        const lines = letterLines(campaign, letter, delivery, ctx.locale);
        return {
          subject: test ? t.testSubject(letter.subject) : letter.subject,
          ...withBreaks(test ? [t.testLine(who(delivery, ctx.locale)), ...lines] : lines),
          replyTo: replyAddress(letter.email),
        };
      },
    },
    [letterTemplateNames.copy]: {
      async render(row, ctx: TemplateContext): Promise<EmailContent> {
        const { letterId } = row.data as { letterId: number };
        const [letter] = await lettersWhere(db, eq(letters.id, letterId));
        if (!letter) throw new Error(`letter ${letterId} is gone`);
        const campaign = await campaignById(db, letter.campaignId, ctx.locale);
        if (!campaign) throw new Error(`letter ${letterId}: its campaign is gone`);
        const sent = await db
          .select()
          .from(letterDeliveries)
          .where(eq(letterDeliveries.letterId, letterId))
          .orderBy(asc(letterDeliveries.chamber), asc(letterDeliveries.legislatorName));
        const t = words[ctx.locale];
        const live = sent.some((d) => d.live);
        const first = sent[0] ?? { legislatorName: '', chamber: 'upper', district: '' };
        return {
          subject: t.copySubject(campaign.text.title),
          ...withBreaks([
            ...(campaign.isDemo ? [t.sample] : []),
            t.copyLead(sent.length),
            ...(live ? [] : [t.copyTest]),
            [t.copyTo, ...sent.map((d) => `• ${who(d, ctx.locale)}`)].join('\n'),
            t.copyShare,
            t.copyBelow,
            `${letter.subject}`,
            ...letterLines(campaign, letter, first, ctx.locale),
          ]),
          action: { label: t.share, url: ctx.link(`/letters/${campaign.slug}`) },
        };
      },
    },
    [letterTemplateNames.digest]: {
      async render(row, ctx: TemplateContext): Promise<EmailContent> {
        const { campaignId, legislatorId, day, live } = row.data as {
          campaignId: number;
          legislatorId: string;
          day: string;
          live: boolean;
        };
        const campaign = await campaignById(db, campaignId, ctx.locale);
        if (!campaign) throw new Error(`digest of campaign ${campaignId}: the campaign is gone`);
        const day_ = await db
          .select()
          .from(letterDeliveries)
          .innerJoin(letters, eq(letters.id, letterDeliveries.letterId))
          .where(
            and(
              eq(letters.campaignId, campaignId),
              eq(letterDeliveries.legislatorId, legislatorId),
              eq(letterDeliveries.digestDay, day),
            ),
          );
        const ids = new Set(day_.map((r) => r.letters.id));
        const recipient = day_[0]?.letter_deliveries ?? { legislatorName: '', chamber: 'upper', district: '' };
        const all = ids.size ? await lettersWhere(db, inArray(letters.id, [...ids])) : [];
        const t = words[ctx.locale];
        const subject = t.digestSubject(all.length, campaign.text.subject || campaign.text.title);
        const parts: string[] = [
          ...(live ? [] : [t.testLine(who(recipient, ctx.locale))]),
          t.digestLead(all.length, day, who(recipient, ctx.locale)),
        ];
        all.forEach((letter, i) => {
          parts.push(`— ${t.letterOf(i + 1, all.length)}: ${letter.subject}`);
          parts.push(...letterLines(campaign, letter, recipient, ctx.locale));
        });
        return { subject: live ? subject : t.testSubject(subject), ...withBreaks(parts) };
      },
    },
  };
}
