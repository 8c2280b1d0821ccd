import { describe, expect, it } from 'vitest';
import type { OutboxRow } from '../email/service.ts';
import { confirmEmail, erasedEmail, nothingHeldEmail, privacyTemplates } from './emails.ts';

const sender = {
  name: 'PSJ',
  address: 'no-reply@psj.example',
  postalAddress: 'Portland',
  publicUrl: 'https://psj.example',
};
const ctxFor = (locale: 'en' | 'es') => ({
  locale,
  sender,
  link: (path: string) => `https://psj.example${locale === 'es' ? '/es' : ''}${path}`,
});
const render = async (email: ReturnType<typeof confirmEmail>) =>
  privacyTemplates()[email.template]!.render(
    { ...email, data: email.data } as unknown as OutboxRow,
    ctxFor(email.locale),
  );

describe('the emails of a privacy request', () => {
  const token = 'a'.repeat(43);

  it('carry the confirmation link in the language asked in, and are forgotten once sent', async () => {
    const en = await render(confirmEmail(7, 'ana@example.org', 'en', 'deletion', token));
    expect(en.subject).toBe('Confirm your privacy request');
    expect(en.action?.url).toBe(`https://psj.example/privacy/confirm/${token}`);
    expect(en.bodyText).toContain('the deletion of the data we hold about you');
    const es = await render(confirmEmail(7, 'ana@example.org', 'es', 'copy', token));
    expect(es.subject).toBe('Confirma tu solicitud de privacidad');
    expect(es.action?.url).toBe(`https://psj.example/es/privacy/confirm/${token}`);
    for (const email of [
      confirmEmail(7, 'a@example.org', 'en', 'copy', token),
      nothingHeldEmail(8, 'a@example.org', 'es', 'correction'),
      erasedEmail(9, 'a@example.org', 'en'),
    ]) {
      expect(email).toMatchObject({ kind: 'transactional', forgetWhenSent: true });
      expect(email.idempotencyKey).toMatch(/^privacy:\d+:/);
    }
  });

  it('say we hold nothing without a link, and that a deletion is done, naming no one', async () => {
    const nothing = await render(nothingHeldEmail(8, 'ana@example.org', 'es', 'correction'));
    expect(nothing.action).toBeUndefined();
    expect(nothing.bodyText).toContain('No tenemos ningún registro con este correo');
    const erased = await render(erasedEmail(9, 'ana@example.org', 'en'));
    expect(erased.subject).toBe('Your data is deleted');
    expect(`${erased.bodyText}${erased.bodyHtml}`).not.toContain('ana@example.org');
  });
});
