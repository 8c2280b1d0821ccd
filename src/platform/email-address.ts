import addressparser from 'nodemailer/lib/addressparser';
import { z } from 'zod';

/** The one form of an email address used as a key: trimmed, lower-cased, Unicode NFC. */
export function normalizeEmail(email: string): string {
  return email.trim().normalize('NFC').toLowerCase();
}

/**
 * RFC 5322's dot-atom before the @ and host-name labels after it, widened to letters and digits of
 * any script (RFC 6532), as an address written without quotes in a To: header
 * must be. Everything else (",", "<", ">", ";", ":", brackets, quotes, spaces)
 * would be read by a mail client as more than one mailbox, a name or a group.
 */
const atom = "[\\p{L}\\p{M}\\p{N}!#$%&'*+/=?^_`{|}~-]+";
const label = '[\\p{L}\\p{M}\\p{N}](?:[\\p{L}\\p{M}\\p{N}-]*[\\p{L}\\p{M}\\p{N}])?';
const dotAtomAddress = new RegExp(`^(?=[^@]{1,64}@)${atom}(?:\\.${atom})*@${label}(?:\\.${label})*$`, 'u');

/**
 * True when the address can stand alone in a header and the mail library
 * (nodemailer's address parser, which SMTP and DKIM go through) reads it back
 * as exactly this one mailbox.
 */
export function isMailboxAddress(address: string): boolean {
  if (!dotAtomAddress.test(address)) return false;
  const parsed = addressparser(address, { flatten: true });
  return parsed.length === 1 && parsed[0]!.address === address && parsed[0]!.name === '';
}

/**
 * An email address as people type it, checked but not yet normalized.
 * Local parts may carry accents (Unicode), as some supporters' addresses do.
 */
export function emailAddress(whenEmpty = 'Enter your email address') {
  return z
    .string()
    .trim()
    .min(1, whenEmpty)
    .max(254, 'Use 254 characters or fewer')
    .pipe(z.string().refine(isMailboxAddress, 'Enter an email address like name@example.org'));
}
