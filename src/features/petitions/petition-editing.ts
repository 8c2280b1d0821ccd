import { and, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { plainText } from '../../platform/plain-text.ts';
import type { Db } from '../../platform/db/client.ts';
import type { FieldErrors } from '../../platform/web/forms.tsx';
import { zonedLocalToDate } from '../../platform/web/time.ts';
import type { Locale } from '../../platform/web/locale.ts';
import { recordAudit, type AuditActor } from '../audit/service.ts';
import { standardConfirmationWords } from '../email/service.ts';
import { petitionMessages } from './messages.ts';
import {
  petitions,
  petitionStatuses,
  signatureCountShards,
  signatures,
  type PetitionStatus,
  type PetitionVersion,
  type Threshold,
} from './schema.ts';

/**
 * Petitions as staff make and change them: the words in both languages, the
 * goal and its thresholds, the dates, and the status. Each change is one
 * transaction with its audit entry.
 */

export type Petition = typeof petitions.$inferSelect;
export type PetitionListRow = Petition & { verified: number };

/** A posted form, as typed: strings only, so a failed form can be shown again exactly. */
export type PetitionValues = {
  slug?: string;
  target?: string;
  en?: Partial<Required<PetitionVersion>>;
  es?: Partial<Required<PetitionVersion>>;
  goal?: string;
  thresholds?: { count?: string; en?: string; es?: string }[];
  /** datetime-local values in the organisation's time zone. */
  opensAt?: string;
  closesAt?: string;
  status?: string;
};

const chars = (max: number) => plainText({ max, lines: true });
const version = (lang: 'English' | 'Spanish') =>
  z
    .object({
      title: chars(200).default(''),
      summary: chars(600).default(''),
      statement: chars(20_000).default(''),
      target: chars(200).default(''),
      thanks: chars(2000).default(''),
      confirmationEmail: chars(2000).default(''),
    })
    .superRefine((v, ctx) => {
      const started = Object.values(v).some((field) => field !== '');
      // English is required; Spanish is all or nothing, so no one reads half a petition.
      if (lang === 'Spanish' && !started) return;
      if (v.title === '')
        ctx.addIssue({
          code: 'custom',
          path: ['title'],
          message: `Write the ${lang} title${lang === 'Spanish' ? ', or leave every Spanish field empty' : ''}`,
        });
      if (v.statement === '')
        ctx.addIssue({
          code: 'custom',
          path: ['statement'],
          message: `Write the ${lang} statement${lang === 'Spanish' ? ', or leave every Spanish field empty' : ''}`,
        });
    })
    .transform((v) => storedVersion(v, lang === 'English' ? 'en' : 'es'));

/**
 * The words as kept: the texts after signing only when they differ from the
 * site's own (the form shows those to edit), so a petition that keeps them
 * follows any later change to them, and the email's its current title.
 */
function storedVersion(v: Required<PetitionVersion>, locale: Locale): PetitionVersion {
  const t = petitionMessages(locale);
  const own = (typed: string, standard: string) => {
    const text = typed.replace(/\r\n?/g, '\n');
    return text === '' || text === standard ? undefined : text;
  };
  const stored: PetitionVersion = { title: v.title, summary: v.summary, statement: v.statement };
  const target = own(v.target, '');
  const thanks = own(v.thanks, t.signed.body);
  const confirmationEmail = own(v.confirmationEmail, standardConfirmationWords(locale, v.title));
  if (target) stored.target = target;
  if (thanks) stored.thanks = thanks;
  if (confirmationEmail) stored.confirmationEmail = confirmationEmail;
  return stored;
}

/** The texts after signing as the form shows them: the petition's own, else the site's. */
export function afterSigningTexts(
  words: PetitionVersion,
  locale: Locale,
): { thanks: string; confirmationEmail: string } {
  const t = petitionMessages(locale);
  return {
    thanks: words.thanks ?? t.signed.body,
    confirmationEmail: words.confirmationEmail ?? standardConfirmationWords(locale, words.title),
  };
}

const wholeNumber = (message: string, max: number) =>
  z
    .string()
    .trim()
    .regex(/^[0-9][0-9,]{0,11}$/, message)
    .transform((s) => Number(s.replaceAll(',', '')))
    .pipe(
      z
        .number()
        .int()
        .min(1, message)
        .max(max, `Use a number up to ${max.toLocaleString('en-US')}`),
    );

// Up to this many: more would not fit on the public page's progress bar anyway.
export const MAX_THRESHOLDS = 10;

const thresholdRow = z
  .object({ count: z.string().trim().default(''), en: chars(300).default(''), es: chars(300).default('') })
  .superRefine((row, ctx) => {
    if (row.count === '' && row.en === '' && row.es === '') return;
    if (!/^[0-9][0-9,]{0,11}$/.test(row.count) || Number(row.count.replaceAll(',', '')) < 1) {
      ctx.addIssue({ code: 'custom', path: ['count'], message: 'Enter the number of signatures, like 1,000' });
    }
    if (row.en === '')
      ctx.addIssue({
        code: 'custom',
        path: ['en'],
        message: 'Write the message shown when the count passes this number',
      });
  })
  .transform((row): Threshold | null => {
    if (row.count === '' && row.en === '' && row.es === '') return null;
    const message: Threshold['message'] = { en: row.en };
    if (row.es) message.es = row.es;
    return { count: Number(row.count.replaceAll(',', '')), message };
  });

/** The form's rules; dates are read in the organisation's zone, so the schema is made per zone. */
export function petitionInput(timeZone: string) {
  const moment = z
    .string()
    .trim()
    .default('')
    .transform((s, ctx) => {
      if (s === '') return null;
      const at = zonedLocalToDate(s, timeZone);
      if (!at) {
        ctx.addIssue({ code: 'custom', message: 'Enter a date and time, or leave it empty' });
        return z.NEVER;
      }
      return at;
    });
  return z
    .object({
      slug: z
        .string()
        .trim()
        .toLowerCase()
        .min(1, 'Choose the address, like safety-for-all')
        .max(80, 'Use 80 characters or fewer')
        .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Use lower-case letters, digits and single hyphens, like safety-for-all'),
      target: plainText({ max: 200, required: 'Say who it is addressed to, like Oregon Legislature' }),
      en: version('English'),
      es: version('Spanish'),
      goal: wholeNumber('Enter the goal as a whole number, like 5,000', 100_000_000),
      thresholds: z
        .array(thresholdRow)
        .max(MAX_THRESHOLDS + 3)
        .default([])
        .transform((rows) => rows.filter((r): r is Threshold => r !== null).sort((a, b) => a.count - b.count)),
      opensAt: moment,
      closesAt: moment,
      status: z.enum(petitionStatuses, { error: 'Choose a status' }),
    })
    .superRefine((v, ctx) => {
      // Zod runs this even when a field failed, with that field as it was: look only at what parsed.
      if (v.opensAt instanceof Date && v.closesAt instanceof Date && v.closesAt <= v.opensAt) {
        ctx.addIssue({
          code: 'custom',
          path: ['closesAt'],
          message: 'The closing time must come after the opening time',
        });
      }
      const counts = (Array.isArray(v.thresholds) ? v.thresholds : []).flatMap((t) =>
        t && typeof t.count === 'number' ? [t.count] : [],
      );
      if (new Set(counts).size !== counts.length)
        ctx.addIssue({ code: 'custom', path: ['thresholds'], message: 'Give each threshold a different number' });
      if (counts.length > MAX_THRESHOLDS)
        ctx.addIssue({ code: 'custom', path: ['thresholds'], message: `Use at most ${MAX_THRESHOLDS} thresholds` });
    })
    .transform((v) => ({ ...v, es: v.es.title ? v.es : null }));
}
export type PetitionInput = z.output<ReturnType<typeof petitionInput>>;

/**
 * Where each status may go. Draft is the time before anyone could sign, so
 * nothing returns to it: a petition people signed and shared stays visible.
 * Closed may reopen (a deadline extended); archived may come back as closed.
 */
export const nextStatuses: Record<PetitionStatus, readonly PetitionStatus[]> = {
  draft: ['draft', 'open', 'archived'],
  open: ['open', 'closed', 'archived'],
  closed: ['closed', 'open', 'archived'],
  archived: ['archived', 'closed'],
};

export type SaveResult = { ok: true; petition: Petition } | { ok: false; errors: FieldErrors };

/** What the audit log keeps of a petition: its settings, not its long texts. */
function auditView(
  p: Pick<Petition, 'slug' | 'target' | 'goal' | 'status' | 'opensAt' | 'closesAt' | 'thresholds' | 'en' | 'es'>,
) {
  return {
    slug: p.slug,
    target: p.target,
    goal: p.goal,
    status: p.status,
    opensAt: p.opensAt?.toISOString() ?? null,
    closesAt: p.closesAt?.toISOString() ?? null,
    thresholds: p.thresholds.map((t) => t.count),
    titleEn: p.en.title,
    titleEs: p.es?.title ?? null,
    targetEs: p.es?.target ?? null,
    statementEn: p.en.statement.length,
    statementEs: p.es?.statement.length ?? null,
  };
}

const slugTaken: FieldErrors = { slug: 'Another petition has this address: choose another' };

function isUniqueViolation(error: unknown): boolean {
  const code =
    (error as { code?: string; cause?: { code?: string } }).code ??
    (error as { cause?: { code?: string } }).cause?.code;
  return code === '23505';
}

export async function createPetition(db: Db, input: PetitionInput, actor: AuditActor): Promise<SaveResult> {
  if (!['draft', 'open'].includes(input.status))
    return { ok: false, errors: { status: 'A new petition starts as a draft or open' } };
  try {
    return await db.transaction(async (tx) => {
      const [clash] = await tx.select({ id: petitions.id }).from(petitions).where(eq(petitions.slug, input.slug));
      if (clash) return { ok: false as const, errors: slugTaken };
      const [row] = await tx.insert(petitions).values(input).returning();
      await recordAudit(tx, actor, {
        action: 'petition.create',
        subjectType: 'petition',
        subjectId: row!.id,
        subjectLabel: row!.en.title,
        after: auditView(row!),
      });
      return { ok: true as const, petition: row! };
    });
  } catch (error) {
    // Two staff choosing one address at the same moment: the database decides.
    if (isUniqueViolation(error)) return { ok: false, errors: slugTaken };
    throw error;
  }
}

/** Undefined when there is no such petition. */
export async function updatePetition(
  db: Db,
  id: number,
  input: PetitionInput,
  actor: AuditActor,
): Promise<SaveResult | undefined> {
  try {
    return await db.transaction(async (tx) => {
      // Locked, so the status check and the write see the same status.
      const [before] = await tx.select().from(petitions).where(eq(petitions.id, id)).for('update');
      if (!before) return undefined;
      const errors: FieldErrors = {};
      if (!nextStatuses[before.status].includes(input.status))
        errors.status = `A petition that is ${before.status} cannot become ${input.status}`;
      // Shared links and printed QR codes point at the address once it has been open.
      if (before.status !== 'draft' && input.slug !== before.slug)
        errors.slug = 'The address cannot change once the petition has been open: links to it are out there';
      if (Object.keys(errors).length > 0) return { ok: false as const, errors };
      if (input.slug !== before.slug) {
        const [clash] = await tx.select({ id: petitions.id }).from(petitions).where(eq(petitions.slug, input.slug));
        if (clash) return { ok: false as const, errors: slugTaken };
      }
      const [after] = await tx
        .update(petitions)
        .set({ ...input, updatedAt: new Date() })
        .where(eq(petitions.id, id))
        .returning();
      await recordAudit(tx, actor, {
        action: 'petition.update',
        subjectType: 'petition',
        subjectId: id,
        subjectLabel: after!.en.title,
        before: auditView(before),
        after: auditView(after!),
      });
      return { ok: true as const, petition: after! };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, errors: slugTaken };
    throw error;
  }
}

export async function getPetition(db: Db, id: number): Promise<Petition | undefined> {
  const [row] = await db.select().from(petitions).where(eq(petitions.id, id));
  return row;
}

// The count is the sum of the shards: never COUNT(*) over signatures.
const verifiedSum = sql<number>`coalesce((select sum(c.verified)
  from ${signatureCountShards} c where c.petition_id = ${petitions.id}), 0)::int`;

export async function listPetitions(db: Db): Promise<PetitionListRow[]> {
  const rows = await db
    .select({ petition: petitions, verified: verifiedSum })
    .from(petitions)
    .orderBy(desc(petitions.createdAt), desc(petitions.id));
  return rows.map((r) => ({ ...r.petition, verified: Number(r.verified) }));
}

/** Signatures waiting for their signer to confirm from the emailed link. */
export async function pendingCount(db: Db, petitionId: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(signatures)
    .where(and(eq(signatures.petitionId, petitionId), eq(signatures.status, 'pending')));
  return Number(row?.n ?? 0);
}

export async function verifiedCount(db: Db, petitionId: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`coalesce(sum(${signatureCountShards.verified}), 0)::int` })
    .from(signatureCountShards)
    .where(eq(signatureCountShards.petitionId, petitionId));
  return Number(row?.n ?? 0);
}
