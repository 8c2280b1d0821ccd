import { and, eq, isNull, lt, or } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import type { Db } from '../../platform/db/client.ts';
import { randomToken, sha256, type Secrets } from '../../platform/crypto.ts';
import { staffRecoveryCodes, staffUsers } from './schema.ts';

export const RECOVERY_CODE_COUNT = 10;

function totpFor(secretBase32: string, label: string, issuer: string): TOTP {
  return new TOTP({ issuer, label, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secretBase32) });
}

/**
 * A secret to show while setting up an authenticator app (a new one unless
 * given), with its QR code as SVG. Nothing is stored until it is confirmed.
 */
export async function newTotpSetup(
  label: string,
  issuer: string,
  secret = new Secret({ size: 20 }).base32,
): Promise<{ secret: string; uri: string; qrSvg: string }> {
  const uri = totpFor(secret, label, issuer).toString();
  const qrSvg = await QRCode.toString(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return { secret, uri, qrSvg };
}

const PERIOD_SECONDS = 30;

/**
 * RFC 6238 check, allowing one 30-second step of clock drift either way.
 * Returns the time step the code belongs to, or undefined when it matches none.
 */
export function totpStep(secretBase32: string, code: string, now = Date.now()): number | undefined {
  const clean = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(clean)) return undefined;
  const delta = totpFor(secretBase32, 'x', 'x').validate({ token: clean, window: 1, timestamp: now });
  return delta === null ? undefined : Math.floor(now / 1000 / PERIOD_SECONDS) + delta;
}

export function totpMatches(secretBase32: string, code: string, now = Date.now()): boolean {
  return totpStep(secretBase32, code, now) !== undefined;
}

/**
 * Turns the second factor on (or moves it to a new app) after the person
 * proved their app works, and returns fresh recovery codes to show them once.
 * The code used to prove it is spent: it cannot sign in afterwards.
 */
export async function enableTotp(
  db: Db,
  secrets: Secrets,
  staffId: number,
  secretBase32: string,
  code: string,
  now = Date.now(),
): Promise<string[] | undefined> {
  const step = totpStep(secretBase32, code, now);
  if (step === undefined) return undefined;
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => formatCode(randomToken(8)));
  await db.transaction(async (tx) => {
    await tx
      .update(staffUsers)
      .set({
        totpSecret: secrets.encrypt('totp', secretBase32),
        totpEnabledAt: new Date(now),
        totpLastStep: step,
        updatedAt: new Date(now),
      })
      .where(eq(staffUsers.id, staffId));
    await tx.delete(staffRecoveryCodes).where(eq(staffRecoveryCodes.staffId, staffId));
    await tx.insert(staffRecoveryCodes).values(codes.map((c) => ({ staffId, codeHash: sha256(normalizeCode(c)) })));
  });
  return codes;
}

export async function disableTotp(db: Db, staffId: number): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(staffUsers)
      .set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null, updatedAt: new Date() })
      .where(eq(staffUsers.id, staffId));
    await tx.delete(staffRecoveryCodes).where(eq(staffRecoveryCodes.staffId, staffId));
  });
}

/**
 * Checks a code from the app, or else a recovery code, which is then used up.
 * An app code is spent too (ASVS 2.8.4): its time step is stored, and that
 * step or any earlier one is refused from then on. The update that spends it
 * is also the check, so two requests racing with one code cannot both pass.
 */
export async function verifySecondFactor(
  db: Db,
  secrets: Secrets,
  staffId: number,
  code: string,
  now = Date.now(),
): Promise<'totp' | 'recovery' | false> {
  const [user] = await db
    .select({ totpSecret: staffUsers.totpSecret })
    .from(staffUsers)
    .where(eq(staffUsers.id, staffId));
  if (!user?.totpSecret) return false;
  const step = totpStep(secrets.decrypt('totp', user.totpSecret), code, now);
  if (step !== undefined) {
    const spent = await db
      .update(staffUsers)
      .set({ totpLastStep: step })
      .where(and(eq(staffUsers.id, staffId), or(isNull(staffUsers.totpLastStep), lt(staffUsers.totpLastStep, step))))
      .returning({ id: staffUsers.id });
    return spent.length > 0 ? 'totp' : false;
  }
  const used = await db
    .update(staffRecoveryCodes)
    .set({ usedAt: new Date(now) })
    .where(
      and(
        eq(staffRecoveryCodes.staffId, staffId),
        eq(staffRecoveryCodes.codeHash, sha256(normalizeCode(code))),
        isNull(staffRecoveryCodes.usedAt),
      ),
    )
    .returning({ id: staffRecoveryCodes.id });
  return used.length > 0 ? 'recovery' : false;
}

export async function remainingRecoveryCodes(db: Db, staffId: number): Promise<number> {
  const rows = await db
    .select({ id: staffRecoveryCodes.id })
    .from(staffRecoveryCodes)
    .where(and(eq(staffRecoveryCodes.staffId, staffId), isNull(staffRecoveryCodes.usedAt)));
  return rows.length;
}

function formatCode(raw: string): string {
  const letters = raw
    .replace(/[^A-Za-z0-9]/g, 'x')
    .toLowerCase()
    .slice(0, 10);
  return `${letters.slice(0, 5)}-${letters.slice(5, 10)}`;
}

function normalizeCode(code: string): string {
  return code.trim().toLowerCase().replace(/[\s-]/g, '');
}
