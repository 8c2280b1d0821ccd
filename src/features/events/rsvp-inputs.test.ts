import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../../../test/support/property-runs.ts';
import { isPlainText } from '../../platform/plain-text.ts';
import { fieldErrors } from '../../platform/web/forms.tsx';
import type { EventDetails } from './events-read.ts';
import { rsvpChangeFor, rsvpInputFor } from './rsvp-inputs.ts';

const event = {
  sessions: [
    { id: 3, startsAt: new Date(), endsAt: new Date(), title: 'Morning' },
    { id: 4, startsAt: new Date(), endsAt: new Date(), title: 'Afternoon' },
  ],
  questions: [
    { id: 12, kind: 'choice', label: 'T-shirt', choices: ['S', 'M', 'L'], required: true },
    { id: 13, kind: 'text', label: 'Anything else?', choices: [], required: false },
    { id: 14, kind: 'yes-no', label: 'Vegetarian?', choices: [], required: false },
  ],
} as unknown as EventDetails;

const good = {
  givenName: 'Ana',
  familyName: 'Rivera',
  email: 'ana@example.org',
  zip: '97204',
  sessions: ['3'],
  q12: 'M',
};

const fields = new Set([
  'givenName',
  'familyName',
  'email',
  'zip',
  'phone',
  'sessions',
  'interpretation',
  'interpretationOther',
  'accessibility',
  'q12',
  'q13',
  'q14',
]);

/** Text of every kind: short, Unicode (lone surrogates too), control characters, and far too long. */
const anyText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc
    .tuple(fc.constantFrom('a', 'é', '👩🏽‍⚖️', ' ', '<', '\u0000', '\n', '\ud800'), fc.integer({ min: 90, max: 5000 }))
    .map(([ch, n]) => ch.repeat(n)),
);
const anyValue = fc.oneof(
  anyText,
  fc.array(anyText, { maxLength: 4 }),
  fc.constant(undefined),
  fc.constant(new File(['x'], 'x.txt')),
);

describe('the RSVP form checks', () => {
  it('whatever arrives, never throws: refuses with a message by a field of the form, or gives clean values', () => {
    fc.assert(
      fc.property(
        fc.record(Object.fromEntries([...fields, 'childcare', 'eventsTopic'].map((f) => [f, anyValue])), {
          requiredKeys: [],
        }),
        fc.constantFrom('en' as const, 'es' as const),
        fc.boolean(),
        (body, locale, mostlyGood) => {
          const sent = mostlyGood ? { ...good, ...body } : body;
          const result = rsvpInputFor(event, locale).safeParse(sent);
          if (!result.success) {
            const errors = fieldErrors(result.error.issues);
            for (const [field, message] of Object.entries(errors)) {
              expect(fields.has(field)).toBe(true);
              expect(message).toMatch(/\S/);
            }
            return;
          }
          const v = result.data;
          for (const text of [v.givenName, v.familyName, v.needs.interpretationOther, v.needs.accessibility])
            expect(isPlainText(text, { lines: true }) && text.length <= 1000).toBe(true);
          expect(v.sessionIds.length).toBeGreaterThan(0);
          expect(v.sessionIds.every((id) => id === 3 || id === 4)).toBe(true);
          expect(['S', 'M', 'L']).toContain(v.answers['12']);
          expect(v.zip).toMatch(/^\d{5}$/);
        },
      ),
      { numRuns: propertyRuns(2_000) },
    );
  });

  it('says what is wrong by each field, in Spanish for a Spanish form', () => {
    const result = rsvpInputFor(event, 'es').safeParse({
      givenName: '  ',
      familyName: 'x'.repeat(101),
      email: 'ana@',
      zip: '972',
      phone: 'call me',
      sessions: ['99'],
      interpretation: ['other', 'klingon'],
      q12: '',
      q14: 'maybe',
      accessibility: 'a\u0000b',
    });
    expect(result.success).toBe(false);
    expect(fieldErrors(result.error!.issues)).toEqual({
      givenName: 'Escribe tu nombre',
      familyName: 'Usa 100 caracteres o menos',
      email: 'Escribe un correo como nombre@ejemplo.org',
      zip: 'Escribe tu código postal de 5 dígitos',
      phone: 'Escribe un teléfono como 503-555-0143, o déjalo vacío',
      sessions: 'Elige entre las partes del día de la lista',
      interpretation: 'Elige entre los idiomas de la lista',
      q12: 'Responde esta pregunta',
      q14: 'Elige sí o no',
      accessibility: 'Usa solo letras, números, espacios y signos de puntuación',
      interpretationOther: 'Dinos qué idioma necesitas que se interprete',
    });
    expect(fieldErrors(rsvpInputFor(event).safeParse({ ...good, sessions: [] }).error!.issues)).toEqual({
      sessions: 'Choose at least one part of the day',
    });
  });

  it('turns a good form into the RSVP: ticks as booleans, sessions once each, answers by question id', () => {
    const result = rsvpInputFor(event).parse({
      ...good,
      email: ' Ana@Example.org ',
      phone: '(503) 555-0143',
      sessions: ['4', '3', '4'],
      interpretation: ['asl', 'other'],
      interpretationOther: 'Mam',
      accessibility: 'Step-free route\r\nplease',
      childcare: 'on',
      travelHelp: 'off',
      photoConsent: 'on',
      eventsTopic: 'on',
      q13: '',
      q14: 'yes',
    });
    expect(result).toEqual({
      givenName: 'Ana',
      familyName: 'Rivera',
      email: 'Ana@Example.org',
      zip: '97204',
      phone: '(503) 555-0143',
      sessionIds: [3, 4],
      needs: {
        interpretation: ['asl', 'other'],
        interpretationOther: 'Mam',
        accessibility: 'Step-free route\nplease',
        childcare: true,
        travelHelp: false,
      },
      photoConsent: true,
      eventsTopic: true,
      answers: { '12': 'M', '14': 'yes' },
    });
    // "Other" named without ticking it is not kept: staff would read it as a request.
    expect(rsvpInputFor(event).parse({ ...good, interpretationOther: 'Mam' }).needs.interpretationOther).toBe('');
  });

  it('the manage page form checks the same choices and nothing about the person', () => {
    expect(rsvpChangeFor(event).parse({ sessions: '3', q12: 'S', photoConsent: 'on' })).toEqual({
      sessionIds: [3],
      needs: { interpretation: [], interpretationOther: '', accessibility: '', childcare: false, travelHelp: false },
      photoConsent: true,
      answers: { '12': 'S' },
    });
    expect(Object.keys(fieldErrors(rsvpChangeFor(event, 'es').safeParse(null).error!.issues)).sort()).toEqual([
      'q12',
      'sessions',
    ]);
  });
});
