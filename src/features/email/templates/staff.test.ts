import { expect, it } from 'vitest';
import type { OutboxRow } from '../outbox.ts';
import { templateRenderer, type Sender } from '../templates.ts';
import { staffTemplates } from './staff.ts';

const sender: Sender = {
  name: 'People for Safety & Justice',
  address: 'team@psj.example',
  postalAddress: '100 Main St, Portland, OR 97204',
  publicUrl: 'https://psj.example',
};
const row = (template: string, locale: 'en' | 'es', data: Record<string, unknown>) =>
  ({ id: 1, template, locale, kind: 'transactional', data }) as unknown as OutboxRow;

const render = templateRenderer({
  sender: async () => sender,
  templates: staffTemplates((nonce) => `token-of-${nonce}`),
  listLinks: () => {
    throw new Error('staff mail is transactional');
  },
});

it('links to /admin with the token derived from the nonce, in both parts, escaping merged names', async () => {
  const data = { nonce: 'n1', name: 'Ana <Ruiz>', invitedBy: 'Rosa', role: 'editor' };
  const mail = await render(row('staff-invitation', 'en', data));
  expect(mail.subject).toBe('You are invited to the People for Safety & Justice workspace');
  expect(mail.text).toContain('https://psj.example/admin/password/token-of-n1');
  expect(mail.html).toContain('href="https://psj.example/admin/password/token-of-n1"');
  expect(mail.text).toContain('Rosa invited you to work in the People for Safety & Justice workspace as an editor.');
  expect(mail.html).toContain('Hello Ana &#60;Ruiz&#62;,');
  expect(mail.headers).toEqual({});
  const reset = await render(row('staff-password-reset', 'en', { nonce: 'n2' }));
  expect(reset.text).toContain('1 hour');
  expect(reset.text).toContain('/admin/password/token-of-n2');
});

it('has Spanish versions, whose link is the same workspace page', async () => {
  const mail = await render(row('staff-invitation', 'es', { nonce: 'n3', name: 'Ana', role: 'viewer' }));
  expect(mail.subject).toBe('Te invitan al espacio de trabajo de People for Safety & Justice');
  expect(mail.text).toContain('https://psj.example/admin/password/token-of-n3');
  expect(mail.text).not.toContain('/es/admin');
  const reset = await render(row('staff-password-reset', 'es', { nonce: 'n4' }));
  expect(reset.subject).toBe('Restablece tu contraseña del espacio de trabajo');
});
