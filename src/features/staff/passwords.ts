export const MIN_PASSWORD_LENGTH = 12;

// Both are loaded when a password is first set or checked, not at every start: zxcvbn's dictionaries hold
// about 19 MB and argon2's native library 7 MB of a server that may never see a sign-in (ADR 071).
let argon2: Promise<typeof import('@node-rs/argon2')> | undefined;
const loadArgon2 = () => (argon2 ??= import('@node-rs/argon2'));

// About 49,000 passwords that people pick most often, from zxcvbn's common list.
let common: Promise<Set<string>> | undefined;
const commonPasswords = () =>
  (common ??= import('@zxcvbn-ts/language-common').then(
    ({ dictionary }) =>
      new Set<string>((dictionary['passwords-common'] as unknown as string[]).map((p) => p.toLowerCase())),
  ));

/** Why a new password is refused, or undefined when it is acceptable. */
export async function passwordProblem(password: string, context: { email?: string } = {}): Promise<string | undefined> {
  if (password.length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > 200) return 'Use 200 characters or fewer';
  const lowered = password.toLowerCase();
  if ((await commonPasswords()).has(lowered) || /^(.)\1+$/.test(password))
    return 'This password is too common: choose one that is hard to guess';
  const local = context.email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && lowered.includes(local)) return 'Do not use your email address in your password';
  return undefined;
}

/** argon2id (memory-hard), with the library's defaults: 19 MiB, 2 passes, as OWASP recommends. */
export async function hashPassword(password: string): Promise<string> {
  return (await loadArgon2()).hash(password);
}

// Checked when no account matches, so a wrong email takes as long as a wrong password.
let decoy: Promise<string> | undefined;

export async function verifyPassword(passwordHash: string | undefined, password: string): Promise<boolean> {
  if (!passwordHash) {
    // Also an invited account, which has no password yet: it takes as long as a wrong one.
    const { hash, verify } = await loadArgon2();
    decoy ??= hash('decoy password that matches nothing');
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  const { verify } = await loadArgon2();
  return verify(passwordHash, password).catch(() => false);
}
