import { localized, paragraphs, type EmailTemplate, type TemplateContext } from './define.ts';

/** Merge fields as the staff feature queues them (password-links.ts); a missing one renders as nothing. */
const field = (data: Record<string, unknown>, name: string) =>
  typeof data[name] === 'string' ? (data[name] as string).trim() : '';

const roleWords: Record<string, { en: string; es: string }> = {
  admin: { en: 'an admin', es: 'administrador o administradora' },
  organizer: { en: 'an organizer', es: 'organizador u organizadora' },
  editor: { en: 'an editor', es: 'editor o editora' },
  viewer: { en: 'a viewer', es: 'lector o lectora' },
};

/**
 * The workspace's own links: an invitation to choose a password, and a reset
 * link. Transactional. The row carries a nonce, never the token: the staff
 * feature, handed in as `linkToken`, derives the token from it, so the outbox
 * alone opens no account. The links go to /admin, which has no Spanish
 * version: the Spanish text is there for completeness, the link is the same.
 */
export function staffTemplates(
  linkToken: (nonce: string) => string,
): Record<'staff-invitation' | 'staff-password-reset', EmailTemplate> {
  const link = (data: Record<string, unknown>, ctx: TemplateContext) =>
    `${ctx.sender.publicUrl}/admin/password/${linkToken(field(data, 'nonce'))}`;
  return {
    'staff-invitation': localized({
      en: (row, ctx) => {
        const name = field(row.data, 'name');
        const by = field(row.data, 'invitedBy');
        const role = roleWords[field(row.data, 'role')]?.en ?? 'a member of staff';
        return {
          subject: `You are invited to the ${ctx.sender.name} workspace`,
          preheader: 'Choose your password to start. The link works for 72 hours.',
          ...paragraphs([
            name ? `Hello ${name},` : 'Hello,',
            `${by || 'An admin'} invited you to work in the ${ctx.sender.name} workspace as ${role}.`,
            'Press the button to choose your password. The link works once, for 72 hours.',
            'If you did not expect this, ignore this message: without a password, nobody can use the account.',
          ]),
          action: { label: 'Choose my password', url: link(row.data, ctx) },
        };
      },
      es: (row, ctx) => {
        const name = field(row.data, 'name');
        const by = field(row.data, 'invitedBy');
        const role = roleWords[field(row.data, 'role')]?.es ?? 'parte del equipo';
        return {
          subject: `Te invitan al espacio de trabajo de ${ctx.sender.name}`,
          preheader: 'Elige tu contraseña para empezar. El enlace funciona durante 72 horas.',
          ...paragraphs([
            name ? `Hola, ${name}:` : 'Hola:',
            `${by || 'Una persona administradora'} te invitó a trabajar ` +
              `en el espacio de ${ctx.sender.name} como ${role}.`,
            'Pulsa el botón para elegir tu contraseña. El enlace funciona una sola vez, durante 72 horas.',
            'Si no esperabas este mensaje, ignóralo: sin contraseña, nadie puede usar la cuenta.',
          ]),
          action: { label: 'Elegir mi contraseña', url: link(row.data, ctx) },
        };
      },
    }),
    'staff-password-reset': localized({
      en: (row, ctx) => ({
        subject: 'Reset your workspace password',
        preheader: 'The link works once, for 1 hour.',
        ...paragraphs([
          'Hello,',
          `Someone, probably you, asked to reset the password of your account in the ${ctx.sender.name} workspace.`,
          'Press the button to choose a new one. The link works once, for 1 hour. ' +
            'Using it signs you out everywhere else.',
          'If you did not ask, ignore this message: your password stays as it is.',
        ]),
        action: { label: 'Choose a new password', url: link(row.data, ctx) },
      }),
      es: (row, ctx) => ({
        subject: 'Restablece tu contraseña del espacio de trabajo',
        preheader: 'El enlace funciona una sola vez, durante 1 hora.',
        ...paragraphs([
          'Hola:',
          `Alguien, probablemente tú, ` +
            `pidió restablecer la contraseña de tu cuenta en el espacio de ${ctx.sender.name}.`,
          'Pulsa el botón para elegir una nueva. El enlace funciona una sola vez, durante 1 hora. ' +
            'Al usarlo se cierran tus otras sesiones.',
          'Si no lo pediste, ignora este mensaje: tu contraseña sigue igual.',
        ]),
        action: { label: 'Elegir una contraseña nueva', url: link(row.data, ctx) },
      }),
    }),
  };
}
