import type { Db } from '../../platform/db/client.ts';
import type { AuditActor } from '../audit/service.ts';
import { createPetition, type PetitionInput } from './petition-editing.ts';
import { petitionBySlug } from './service.ts';

/** The demo petition's address; the home page's call to action leads here. */
export const DEMO_PETITION_SLUG = 'safety-for-all';

/**
 * The demo organisation's petition, written for this project from the
 * values on its home page: everyone deserves safety, anyone suffering
 * should have what they need to heal, and people who take responsibility
 * for harm deserve a second chance.
 */
export const demoPetition: PetitionInput = {
  slug: DEMO_PETITION_SLUG,
  target: 'Oregon Legislature',
  goal: 10_000,
  status: 'open',
  opensAt: null,
  closesAt: null,
  en: {
    title: 'Safety, healing and a second chance for every Oregonian',
    summary: 'Ask the Oregon Legislature to build public safety on three values most Oregonians share.',
    statement: [
      'Ask most Oregonians what keeps a community safe and you hear the same three things:',
      '',
      '- **Everyone deserves safety.** Every person should be able to live without fear of being harmed.',
      '- **Anyone who is suffering deserves what they need to heal**, whether they survived a crime or live with addiction or mental illness.',
      '- **Taking responsibility earns a second chance.** People who own the harm they caused should be able to rebuild their lives.',
      '',
      'Too often our public safety system answers harm with prison, punishment and separation from family, and leaves survivors to recover on their own.',
      '',
      'We ask the Oregon Legislature to let these values guide its choices: fund services that help survivors heal, treatment and housing for people in crisis, and programs that prevent violence and repair harm.',
    ].join('\n'),
  },
  es: {
    title: 'Seguridad, sanación y una segunda oportunidad para todo Oregón',
    summary:
      'Pide a la Legislatura de Oregón que construya la seguridad pública sobre tres valores que comparte la mayoría de la gente en Oregón.',
    statement: [
      'Si preguntas en Oregón qué hace segura a una comunidad, casi siempre escucharás tres ideas:',
      '',
      '- **Todas las personas merecen seguridad.** Cada persona debería poder vivir sin miedo a sufrir daño.',
      '- **Quien sufre merece lo que necesita para sanar**, ya sea que haya sobrevivido a un delito o viva con una adicción o una enfermedad mental.',
      '- **Asumir la responsabilidad abre paso a una segunda oportunidad.** Quien reconoce el daño que causó debería poder rehacer su vida.',
      '',
      'Con demasiada frecuencia, nuestro sistema de seguridad pública responde al daño con cárcel, castigo y separación de la familia, y deja que las víctimas se recuperen por su cuenta.',
      '',
      'Pedimos a la Legislatura de Oregón que estos valores guíen sus decisiones: que financie servicios para que las víctimas sanen, tratamiento y vivienda para las personas en crisis, y programas que prevengan la violencia y reparen el daño.',
    ].join('\n'),
  },
  thresholds: [
    {
      count: 1_000,
      message: {
        en: 'At 1,000 signatures we bring the petition to the judiciary committees of the Senate and the House.',
        es: 'Con 1000 firmas llevaremos la petición a las comisiones judiciales del Senado y de la Cámara.',
      },
    },
    {
      count: 5_000,
      message: {
        en: 'At 5,000 we hand every legislator the signatures and comments from their own district.',
        es: 'Con 5000 entregaremos a cada legislador las firmas y los comentarios de su propio distrito.',
      },
    },
    {
      count: 10_000,
      message: {
        en: 'At 10,000 we present the petition at the Capitol on advocacy day.',
        es: 'Con 10.000 presentaremos la petición en el Capitolio el día de incidencia.',
      },
    },
  ],
};

/**
 * Adds the demo petition through the function staff use, once: if a petition
 * already has its address (seeded before, or made by staff), nothing changes.
 */
export async function seedDemoPetition(db: Db): Promise<{ seeded: boolean }> {
  if (await petitionBySlug(db, DEMO_PETITION_SLUG)) return { seeded: false };
  // No staff member made it: the audit log records it without an actor, as it does other system actions.
  const result = await createPetition(db, demoPetition, null as unknown as AuditActor);
  return { seeded: result.ok };
}
