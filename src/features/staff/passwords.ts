import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';

export const MIN_PASSWORD_LENGTH = 12;

// About 49,000 passwords that people pick most often, from zxcvbn's common list.
const common = new Set<string>((dictionary['passwords-common'] as unknown as string[]).map((p) => p.toLowerCase()));

/** Why a new password is refused, or undefined when it is acceptable. */
export function passwordProblem(password: string, context: { email?: string } = {}): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > 200) return 'Use 200 characters or fewer';
  const lowered = password.toLowerCase();
  if (common.has(lowered) || /^(.)\1+$/.test(password))
    return 'This password is too common: choose one that is hard to guess';
  const local = context.email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && lowered.includes(local)) return 'Do not use your email address in your password';
  return undefined;
}

/** argon2id (memory-hard), with the library's defaults: 19 MiB, 2 passes, as OWASP recommends. */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// Checked when no account matches, so a wrong email takes as long as a wrong password.
const decoy = hash('decoy password that matches nothing');

export async function verifyPassword(passwordHash: string | undefined, password: string): Promise<boolean> {
  if (!passwordHash) {
    // Also an invited account, which has no password yet: it takes as long as a wrong one.
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}
