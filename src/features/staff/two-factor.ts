import { and, eq, isNull } from 'drizzle-orm';
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
export async function newTotpSetup(label: string, issuer: string, secret = new Secret({ size: 20 }).base32): Promise<{ secret: string; uri: string; qrSvg: string }> {
  const uri = totpFor(secret, label, issuer).toString();
  const qrSvg = await QRCode.toString(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return { secret, uri, qrSvg };
}

/** RFC 6238 check, allowing one 30-second step of clock drift either way. */
export function totpMatches(secretBase32: string, code: string): boolean {
  const clean = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(clean)) return false;
  return totpFor(secretBase32, 'x', 'x').validate({ token: clean, window: 1 }) !== null;
}

/**
 * Turns the second factor on after the person proved their app works, and
 * returns fresh recovery codes to show them once.
 */
export async function enableTotp(db: Db, secrets: Secrets, staffId: number, secretBase32: string, code: string): Promise<string[] | undefined> {
  if (!totpMatches(secretBase32, code)) return undefined;
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => formatCode(randomToken(8)));
  await db.transaction(async (tx) => {
    await tx
      .update(staffUsers)
      .set({ totpSecret: secrets.encrypt('totp', secretBase32), totpEnabledAt: new Date(), updatedAt: new Date() })
      .where(eq(staffUsers.id, staffId));
    await tx.delete(staffRecoveryCodes).where(eq(staffRecoveryCodes.staffId, staffId));
    await tx.insert(staffRecoveryCodes).values(codes.map((c) => ({ staffId, codeHash: sha256(normalizeCode(c)) })));
  });
  return codes;
}

export async function disableTotp(db: Db, staffId: number): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.update(staffUsers).set({ totpSecret: null, totpEnabledAt: null, updatedAt: new Date() }).where(eq(staffUsers.id, staffId));
    await tx.delete(staffRecoveryCodes).where(eq(staffRecoveryCodes.staffId, staffId));
  });
}

/** Checks a code from the app, or else a recovery code, which is then used up. */
export async function verifySecondFactor(db: Db, secrets: Secrets, staffId: number, code: string): Promise<'totp' | 'recovery' | false> {
  const [user] = await db.select({ totpSecret: staffUsers.totpSecret }).from(staffUsers).where(eq(staffUsers.id, staffId));
  if (!user?.totpSecret) return false;
  if (totpMatches(secrets.decrypt('totp', user.totpSecret), code)) return 'totp';
  const used = await db
    .update(staffRecoveryCodes)
    .set({ usedAt: new Date() })
    .where(and(eq(staffRecoveryCodes.staffId, staffId), eq(staffRecoveryCodes.codeHash, sha256(normalizeCode(code))), isNull(staffRecoveryCodes.usedAt)))
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
  const letters = raw.replace(/[^A-Za-z0-9]/g, 'x').toLowerCase().slice(0, 10);
  return `${letters.slice(0, 5)}-${letters.slice(5, 10)}`;
}

function normalizeCode(code: string): string {
  return code.trim().toLowerCase().replace(/[\s-]/g, '');
}
