import { readFileSync } from 'node:fs';
import type { Db } from '../../platform/db/client.ts';
import type { Locale } from '../../platform/web/locale.ts';
import type { AuditActor } from '../audit/service.ts';
import { createPetition, type PetitionInput } from './petition-editing.ts';
import { petitionBySlug } from './service.ts';

/** The demo petition's address; the home page's call to action leads here. */
export const DEMO_PETITION_SLUG = 'safety-for-all';

/** The statement in one language, kept as Markdown in `seed-text/` so it reads as prose. */
const demoStatement = (locale: Locale): string =>
  readFileSync(new URL(`./seed-text/${DEMO_PETITION_SLUG}.${locale}.md`, import.meta.url), 'utf8').trimEnd();

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
    statement: demoStatement('en'),
  },
  es: {
    title: 'Seguridad, sanación y una segunda oportunidad para todo Oregón',
    summary:
      'Pide a la Legislatura de Oregón que construya la seguridad pública ' +
      'sobre tres valores que comparte la mayoría de la gente en Oregón.',
    statement: demoStatement('es'),
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
