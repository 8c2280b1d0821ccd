import { and, eq, like } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { Secrets } from '../../platform/crypto.ts';
import { retention } from '../../platform/retention.ts';
import { auditLog } from '../audit/schema.ts';
import { emailOutbox } from '../email/schema.ts';
import { supporters } from '../supporters/schema.ts';
import { requestSignup } from '../supporters/service.ts';
import { decideAppeal, decideRequest, getRequest, listRequests, purgePrivacyLog, recordAppeal } from './decisions.ts';
import {
  ANSWER_DAYS,
  askForRequest,
  confirmRequest,
  copyLinkState,
  emailHashOf,
  REQUESTS_PER_ADDRESS_PER_DAY,
  takeCopy,
} from './requests.ts';
import { privacyRequestsNeedingAttention } from './attention.ts';
import { privacyRequests } from './schema.ts';

const secrets = new Secrets('test-secret-key-that-is-long-enough-0123456789');
const ctx = { secrets, emailDomain: 'localhost' };
const staff = { staffId: null, email: 'admin@example.org', ip: '127.0.0.1' };
const DAY = 24 * 60 * 60 * 1000;

describeEachDatabase('privacy requests', (database) => {
  const db = () => database().db;
  let n = 0;

  /** A confirmed supporter with a unique address, and that address. */
  async function person(): Promise<{ id: number; email: string }> {
    const email = `privacy-${++n}-${Date.now()}@example.org`;
    await requestSignup(
      db(),
      { givenName: 'Rosa', familyName: 'Pérez', email, zip: '97201', topics: ['newsletter'] },
      { method: 'web-form', wordingVersion: 't', emailDomain: 'localhost' },
    );
    const [row] = await db().select({ id: supporters.id }).from(supporters).where(eq(supporters.email, email));
    return { id: row!.id, email };
  }

  /** The last privacy message queued for an address: its template and data. */
  async function mailTo(email: string) {
    const rows = await db()
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.toAddress, email), like(emailOutbox.idempotencyKey, 'privacy:%')))
      .orderBy(emailOutbox.id);
    return rows.at(-1);
  }

  async function ask(email: string, kind: 'copy' | 'correction' | 'deletion', details?: string) {
    await askForRequest(db(), { kind, email: email.toUpperCase(), details }, 'es', ctx);
    const mail = await mailTo(email);
    return { mail, token: String(mail?.data.token ?? '') };
  }

  it('emails a known address a confirmation link in the language asked in, keeping only its hash for the log', async () => {
    const { email, id } = await person();
    const { mail, token } = await ask(email, 'copy');
    expect(mail).toMatchObject({ template: 'privacy-confirm', locale: 'es', forgetWhenSent: true });
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [row] = await db()
      .select()
      .from(privacyRequests)
      .where(eq(privacyRequests.emailHash, emailHashOf(secrets, email)));
    expect(row).toMatchObject({ status: 'awaiting-confirmation', supporterId: id, email, kind: 'copy' });
    // The token is kept hashed: the row never holds the link.
    expect(JSON.stringify(row)).not.toContain(token);
  });

  it('tells an unknown address by email that nothing is held, and keeps no address', async () => {
    const email = `nobody-${Date.now()}@example.org`;
    const { mail } = await ask(email, 'deletion');
    expect(mail).toMatchObject({ template: 'privacy-nothing-held', forgetWhenSent: true });
    const [row] = await db()
      .select()
      .from(privacyRequests)
      .where(eq(privacyRequests.emailHash, emailHashOf(secrets, email)));
    expect(row).toMatchObject({ status: 'completed', email: null, supporterId: null, decision: 'completed' });
  });

  it('sends at most a few requests a day to one address, whatever is asked', async () => {
    const { email } = await person();
    for (let i = 0; i < REQUESTS_PER_ADDRESS_PER_DAY + 2; i++)
      await askForRequest(db(), { kind: 'copy', email }, 'en', ctx);
    const mails = await db().select().from(emailOutbox).where(eq(emailOutbox.toAddress, email));
    expect(mails.filter((m) => m.template === 'privacy-confirm')).toHaveLength(REQUESTS_PER_ADDRESS_PER_DAY);
  });

  it('confirms a copy once: each format taken once, the request completed and its address forgotten', async () => {
    const { email, id } = await person();
    const { token } = await ask(email, 'copy');
    const now = new Date();
    const confirmed = await confirmRequest(db(), token, [], { ...ctx, now });
    expect(confirmed.kind).toBe('copy');
    expect((await confirmRequest(db(), token, [], ctx)).kind).toBe('gone');
    const copyToken = confirmed.kind === 'copy' ? confirmed.copyToken : '';
    const [open] = await db().select().from(privacyRequests).where(eq(privacyRequests.supporterId, id));
    expect(open).toMatchObject({ status: 'open' });
    expect(open!.dueAt!.getTime() - open!.confirmedAt!.getTime()).toBe(ANSWER_DAYS * DAY);
    expect(open!.copyExpiresAt!.getTime() - now.getTime()).toBe(retention.privacyCopyDays * DAY);

    expect(await copyLinkState(db(), copyToken)).toEqual({ locale: 'es', taken: { json: false, html: false } });
    const json = await takeCopy(db(), copyToken, 'json', []);
    expect(json?.data?.supporter).toMatchObject({ id, givenName: 'Rosa', zip: '97201', normalizedEmail: email });
    expect(await takeCopy(db(), copyToken, 'json', [])).toBeUndefined();
    const after = await getRequest(db(), open!.id);
    expect(after).toMatchObject({ status: 'completed', email: null, decision: 'completed' });
    expect(await copyLinkState(db(), copyToken)).toEqual({ locale: 'es', taken: { json: true, html: false } });
    expect((await takeCopy(db(), copyToken, 'html', []))?.data?.supporter.id).toBe(id);
    // Both taken: the link opens nothing more.
    expect(await copyLinkState(db(), copyToken)).toBeUndefined();
    // …and a link past its days opens nothing either.
    const second = await ask(email, 'copy');
    const again = await confirmRequest(db(), second.token, [], ctx);
    const late = new Date(Date.now() + retention.privacyCopyDays * DAY + 60_000);
    expect(await copyLinkState(db(), again.kind === 'copy' ? again.copyToken : '', late)).toBeUndefined();
  });

  it('erases the person when they confirm a deletion, and emails them that it is done', async () => {
    const { email, id } = await person();
    const { token } = await ask(email, 'deletion');
    const outcome = await confirmRequest(db(), token, [], ctx);
    expect(outcome).toEqual({ kind: 'deletion', queued: true });
    expect(await db().select().from(supporters).where(eq(supporters.id, id))).toEqual([]);
    const mail = await mailTo(email);
    expect(mail).toMatchObject({ template: 'privacy-erased', forgetWhenSent: true, locale: 'es' });
    const [row] = await db()
      .select()
      .from(privacyRequests)
      .where(eq(privacyRequests.emailHash, emailHashOf(secrets, email)));
    expect(row).toMatchObject({ status: 'completed', email: null, supporterId: null, confirmTokenHash: null });
    const audit = await db()
      .select()
      .from(auditLog)
      .where(eq(auditLog.subjectId, String(row!.id)));
    expect(audit.map((a) => a.action)).toContain('privacy.confirm');
    expect(JSON.stringify(audit)).not.toContain(email);
  });

  it('an expired link confirms nothing, and the purge deletes the request with its mail', async () => {
    const { email, id } = await person();
    const { token } = await ask(email, 'deletion');
    const late = new Date(Date.now() + retention.privacyConfirmHours * 60 * 60 * 1000 + 1000);
    expect((await confirmRequest(db(), token, [], { ...ctx, now: late })).kind).toBe('gone');
    expect(await db().select().from(supporters).where(eq(supporters.id, id))).toHaveLength(1);
    expect((await purgePrivacyLog(db(), late)).unconfirmed).toBeGreaterThanOrEqual(1);
    expect(await db().select().from(privacyRequests).where(eq(privacyRequests.supporterId, id))).toEqual([]);
    expect(await mailTo(email)).toBeUndefined();
  });

  it('a correction waits for staff: refused with a reason, appealed, the appeal decided; each state in turn', async () => {
    const { email, id } = await person();
    const { token } = await ask(email, 'correction', 'My ZIP is 97202, not 97201');
    expect((await confirmRequest(db(), token, [], ctx)).kind).toBe('correction');
    const [row] = await db().select().from(privacyRequests).where(eq(privacyRequests.supporterId, id));
    expect(row).toMatchObject({ status: 'open', details: 'My ZIP is 97202, not 97201' });
    expect((await listRequests(db(), 'waiting')).map((r) => r.id)).toContain(row!.id);

    expect(await recordAppeal(db(), row!.id, { appeal: 'too early' }, staff)).toBe('wrong-state');
    expect(await decideRequest(db(), row!.id, { decision: 'refused', reason: 'We could not verify it' }, staff)).toBe(
      'done',
    );
    const refused = await getRequest(db(), row!.id);
    expect(refused).toMatchObject({
      status: 'refused',
      email: null,
      details: null,
      decisionReason: 'We could not verify it',
    });
    expect(await decideRequest(db(), row!.id, { decision: 'completed', reason: 'twice' }, staff)).toBe('wrong-state');
    expect(await recordAppeal(db(), row!.id, { appeal: 'They sent proof' }, staff)).toBe('done');
    expect((await getRequest(db(), row!.id))?.status).toBe('appealed');
    expect(await decideAppeal(db(), row!.id, { appealDecision: 'reversed', appealReason: 'Proof seen' }, staff)).toBe(
      'done',
    );
    expect(await getRequest(db(), row!.id)).toMatchObject({ status: 'appeal-decided', appealDecision: 'reversed' });
    const actions = (await db().select().from(auditLog).where(eq(auditLog.subjectType, 'privacy-request')))
      .filter((a) => a.subjectId === String(row!.id))
      .map((a) => a.action);
    expect(actions).toEqual(['privacy.confirm', 'privacy.decide', 'privacy.appeal', 'privacy.appeal-decide']);
    expect(await decideRequest(db(), 999_999, { decision: 'completed', reason: 'x' }, staff)).toBe('not-found');
  });

  it('puts requests late or due within a week on the workspace home, by kind and number, never by name', async () => {
    const { email, id } = await person();
    const { token } = await ask(email, 'correction', 'My family name is spelled Nuñez');
    await confirmRequest(db(), token, [], ctx);
    const [row] = await db().select().from(privacyRequests).where(eq(privacyRequests.supporterId, id));
    const due = row!.dueAt!;
    const flagged = async (now: Date) =>
      (await privacyRequestsNeedingAttention(db(), now)).filter((a) => a.href === `/admin/privacy/${row!.id}`);
    // 45 days to answer: not yet a concern, then due within the week, then late.
    expect(await flagged(new Date(due.getTime() - 30 * DAY))).toEqual([]);
    expect((await flagged(new Date(due.getTime() - 3 * DAY + 1000)))[0]?.reason).toBe(
      'A correction request, due in 3 days.',
    );
    const [late] = await flagged(new Date(due.getTime() + 2 * DAY + 1000));
    expect(late?.reason).toBe('A correction request, 2 days past the legal deadline.');
    expect(JSON.stringify(late)).not.toContain(email);
    // Answered, it is off the list.
    await decideRequest(db(), row!.id, { decision: 'completed', reason: 'Corrected' }, staff);
    expect(await flagged(new Date(due.getTime() + 2 * DAY))).toEqual([]);
  });

  it('keeps the log its months after the last decision, then the purge deletes it', async () => {
    const old = new Date();
    old.setUTCMonth(old.getUTCMonth() - retention.privacyLogMonths);
    const values = { kind: 'copy' as const, locale: 'en' as const, requestedAt: old, decision: 'completed' as const };
    const [gone] = await db()
      .insert(privacyRequests)
      .values({ ...values, status: 'completed', emailHash: 'old', decidedAt: new Date(old.getTime() - DAY) })
      .returning();
    const [kept] = await db()
      .insert(privacyRequests)
      .values({ ...values, status: 'completed', emailHash: 'recent', decidedAt: new Date(old.getTime() + DAY) })
      .returning();
    const [open] = await db()
      .insert(privacyRequests)
      .values({ kind: 'correction', locale: 'en', requestedAt: old, status: 'open', emailHash: 'open' })
      .returning();
    await purgePrivacyLog(db());
    const left = (await db().select({ id: privacyRequests.id }).from(privacyRequests)).map((r) => r.id);
    expect(left).not.toContain(gone!.id);
    expect(left).toContain(kept!.id);
    expect(left).toContain(open!.id);
  });
});
