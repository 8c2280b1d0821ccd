import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../../platform/db/client.ts';
import { dateToZonedLocal, zonedLocalToDate } from '../../../platform/web/time.ts';
import { eventQuestions, eventSessions, eventTranslations, events } from '../schema.ts';

const ZONE = 'America/Los_Angeles';

/**
 * The day `weeks` weeks after `now` (in the zone) moved on to the next `weekday` (0 Sunday … 6 Saturday), as
 * YYYY-MM-DD. The demo's seed gives no dates, so the samples are always some weeks ahead of the day the site began.
 */
export function sampleDay(now: Date, weeks: number, weekday: number): string {
  const today = dateToZonedLocal(now, ZONE).slice(0, 10);
  const day = new Date(`${today}T12:00:00Z`);
  day.setUTCDate(day.getUTCDate() + weeks * 7);
  while (day.getUTCDay() !== weekday) day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}

const at = (day: string, time: string) => zonedLocalToDate(`${day}T${time}`, ZONE)!;

/** The sample events' slugs: the home page's Advocacy Day call to action names the first. */
export const SAMPLE_ADVOCACY_DAY = 'sample-advocacy-day';
export const SAMPLE_TRAINING = 'sample-training-telling-your-story';

/**
 * Two sample events, each saying it is one, with placeholder dates: an Advocacy Day at the Capitol (a Wednesday six
 * weeks ahead; a morning training, then afternoon meetings with legislators) and an online training (a Tuesday
 * evening three weeks ahead). Added once, while no event has ever been made, so staff who delete them do not get them
 * back.
 */
export async function seedDemoEvents(db: Db, now = new Date()): Promise<{ seeded: boolean }> {
  const [sequence] = await rowsOf<{ used: boolean }>(db, sql`select is_called as used from events_id_seq`);
  if (sequence?.used) return { seeded: false };
  const lobbyDay = sampleDay(now, 6, 3);
  const trainingDay = sampleDay(now, 3, 2);
  await db.transaction(async (tx) => {
    const [advocacy] = await tx
      .insert(events)
      .values({
        slug: SAMPLE_ADVOCACY_DAY,
        status: 'published',
        format: 'in-person',
        startsAt: at(lobbyDay, '09:00'),
        endsAt: at(lobbyDay, '16:00'),
        timeZone: ZONE,
        venue: 'Oregon State Capitol',
        address: '900 Court St NE, Salem, OR 97301',
        capacity: 150,
        rsvpDeadline: at(sampleDay(now, 5, 3), '17:00'),
        meetsLegislators: true,
        isDemo: true,
      })
      .returning({ id: events.id });
    const [training] = await tx
      .insert(events)
      .values({
        slug: SAMPLE_TRAINING,
        status: 'published',
        format: 'online',
        startsAt: at(trainingDay, '18:00'),
        endsAt: at(trainingDay, '19:15'),
        timeZone: ZONE,
        // A placeholder on a reserved domain: a real training has its own meeting link.
        joinUrl: 'https://meet.example.org/sample-training',
        isDemo: true,
      })
      .returning({ id: events.id });
    const eventId = advocacy!.id;
    await tx.insert(eventTranslations).values([
      { eventId, locale: 'en', ...advocacyWords.en },
      { eventId, locale: 'es', ...advocacyWords.es },
      { eventId: training!.id, locale: 'en', ...trainingWords.en },
      { eventId: training!.id, locale: 'es', ...trainingWords.es },
    ]);
    await tx.insert(eventSessions).values([
      {
        eventId,
        position: 0,
        startsAt: at(lobbyDay, '09:00'),
        endsAt: at(lobbyDay, '12:00'),
        titleEn: 'Morning training: how a meeting with a legislator goes',
        titleEs: 'Capacitación de la mañana: cómo es una reunión con un legislador',
      },
      {
        eventId,
        position: 1,
        startsAt: at(lobbyDay, '13:00'),
        endsAt: at(lobbyDay, '16:00'),
        titleEn: 'Afternoon meetings with your legislators',
        titleEs: 'Reuniones de la tarde con tus legisladores',
      },
    ]);
    await tx.insert(eventQuestions).values({
      eventId,
      position: 0,
      kind: 'choice',
      labelEn: 'Lunch is provided. Which would you like?',
      labelEs: 'Ofrecemos almuerzo. ¿Cuál prefieres?',
      choices: [
        { en: 'Vegetarian', es: 'Vegetariano' },
        { en: 'Vegan', es: 'Vegano' },
        { en: 'I will bring my own', es: 'Traeré el mío' },
      ],
      required: false,
    });
  });
  return { seeded: true };
}

const advocacyWords = {
  en: {
    title: 'Sample event: Advocacy Day at the Capitol',
    summary:
      'Advocates from across Oregon meet their state legislators to speak up for safety, healing and second chances.',
    descriptionMd: [
      'Advocacy Day brings people from every corner of Oregon to the Capitol in Salem. In the morning we prepare ' +
        'together: what to expect, how to share your story in a few minutes, and what we are asking for. In the ' +
        'afternoon, small groups meet the senator and representative for their own districts.',
      '',
      'You do not need any experience. Your voice as a survivor, a family member or a neighbour is what lawmakers ' +
        'need to hear. Tell us your ZIP code when you RSVP and we will tell you whom you are meeting.',
    ].join('\n'),
    accessibilityNotes:
      'The Capitol has step-free entrances and elevators. Spanish and ASL interpretation are available when you ask ' +
      'for them on the form. There is a quiet room for anyone who needs a break. We can help with travel costs ' +
      'from outside Portland.',
  },
  es: {
    title: 'Evento de muestra: Día de Incidencia en el Capitolio',
    summary:
      'Personas de todo Oregón se reúnen con sus legisladores estatales para defender la seguridad, la sanación y ' +
      'las segundas oportunidades.',
    descriptionMd: [
      'El Día de Incidencia reúne en el Capitolio de Salem a personas de todos los rincones de Oregón. Por la mañana ' +
        'nos preparamos juntos: qué esperar, cómo contar tu historia en pocos minutos y qué vamos a pedir. Por la ' +
        'tarde, grupos pequeños se reúnen con el senador y el representante de sus propios distritos.',
      '',
      'No necesitas experiencia. Tu voz como sobreviviente, familiar o vecino es lo que los legisladores necesitan ' +
        'escuchar. Danos tu código postal al confirmar y te diremos con quién te vas a reunir.',
    ].join('\n'),
    accessibilityNotes:
      'El Capitolio tiene entradas sin escalones y ascensores. Hay interpretación al español y en ASL si la pides en ' +
      'el formulario. Hay una sala tranquila para quien necesite un descanso. Podemos ayudar con los gastos de viaje ' +
      'desde fuera de Portland.',
  },
};

const trainingWords = {
  en: {
    title: 'Sample training: telling your story to lawmakers',
    summary: 'An online evening training on sharing your experience in a way that moves the people who write our laws.',
    descriptionMd: [
      'In 75 minutes we practise telling a short, true story about why safety and justice matter to you, and how ' +
        'to connect it to what we ask of legislators. Bring a pen and paper; cameras are optional.',
    ].join('\n'),
    accessibilityNotes:
      'Live captions are on for the whole training. Ask for Spanish or ASL interpretation on the form and we will ' +
      'arrange it.',
  },
  es: {
    title: 'Capacitación de muestra: cuenta tu historia a los legisladores',
    summary:
      'Una capacitación en línea, por la tarde, para compartir tu experiencia de una manera que conmueva a quienes ' +
      'escriben nuestras leyes.',
    descriptionMd: [
      'En 75 minutos practicamos cómo contar una historia breve y verdadera sobre por qué te importan la seguridad y ' +
        'la justicia, y cómo relacionarla con lo que pedimos a los legisladores. Trae papel y lápiz; la cámara es ' +
        'opcional.',
    ].join('\n'),
    accessibilityNotes:
      'Habrá subtítulos en vivo durante toda la capacitación. Pide interpretación al español o en ASL en el ' +
      'formulario y la organizaremos.',
  },
};
