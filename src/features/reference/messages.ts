import type { Locale } from '../../platform/web/locale.ts';

/** The reference data's public words. */
const en = {
  credits: {
    label: 'Sources of public data',
    legislators: 'Legislators',
    publicDomain: 'public domain',
    boundaries: 'District boundaries and ZIP code areas',
    census: 'U.S. Census Bureau',
  },
};

const es: typeof en = {
  credits: {
    label: 'Fuentes de datos públicos',
    legislators: 'Legisladores',
    publicDomain: 'dominio público',
    boundaries: 'Límites de los distritos y áreas de códigos postales',
    census: 'Oficina del Censo de los EE. UU.',
  },
};

export const referenceMessages: Record<Locale, typeof en> = { en, es };

/** The command staff run; the same words in the log, the notice and the docs. */
export const IMPORT_COMMAND = 'npm run cli -- reference:import';
