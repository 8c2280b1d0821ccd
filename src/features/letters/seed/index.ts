import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../../platform/db/client.ts';
import { getSiteSettings } from '../../content/service.ts';
import { letterCampaignTranslations, letterCampaigns } from '../schema.ts';

/** The sample campaign's address. */
export const SAMPLE_LETTER_CAMPAIGN = 'sample-letter-campaign';

const words = {
  en: {
    title: 'Sample campaign: write to your legislators about a sample bill',
    summary:
      'A sample campaign for the demo. The bill is made up: letters go to our own inbox for review and never reach a legislator.',
    subjectMatter: 'A sample bill on second chances',
    talkingPointsMd: [
      '- This is sample text: the bill it names does not exist.',
      '- Say who you are and where you live: offices listen most to their own constituents.',
      '- Say why the bill matters to you, in your own words.',
    ].join('\n'),
    subject: 'Please support the sample bill on second chances',
    greeting: 'Dear legislator,',
    body: 'I live in your district, and I am writing to ask you to support the sample bill on second chances. People who have served their time deserve a fair chance at a job and a home.',
    closing: 'Thank you for your time and for your service to our community.',
    storyPrompt: 'If you like, tell your legislator in a few sentences why this matters to you.',
  },
  es: {
    title: 'Campaña de ejemplo: escribe a tus legisladores sobre un proyecto de ejemplo',
    summary:
      'Una campaña de ejemplo para la demostración. El proyecto es inventado: las cartas llegan a nuestro propio buzón para revisión y nunca a un legislador.',
    subjectMatter: 'Un proyecto de ejemplo sobre segundas oportunidades',
    talkingPointsMd: [
      '- Este es un texto de ejemplo: el proyecto que menciona no existe.',
      '- Di quién eres y dónde vives: las oficinas escuchan sobre todo a sus electores.',
      '- Di por qué el proyecto te importa, con tus propias palabras.',
    ].join('\n'),
    subject: 'Le pido que apoye el proyecto de ejemplo sobre segundas oportunidades',
    greeting: 'Estimado legislador, estimada legisladora:',
    body: 'Vivo en su distrito y le escribo para pedirle que apoye el proyecto de ejemplo sobre segundas oportunidades. Las personas que cumplieron su condena merecen una oportunidad justa de tener trabajo y vivienda.',
    closing: 'Gracias por su tiempo y por su servicio a nuestra comunidad.',
    storyPrompt: 'Si quieres, cuéntale a tu legislador en pocas frases por qué esto te importa.',
  },
};

/**
 * One sample campaign, saying it is one: to the writer's senator and representative, about a
 * made-up bill, live delivery off, its letters to the demo's contact address. Added once, while no
 * campaign has ever been made, so staff who delete it do not get it back.
 */
export async function seedDemoLetters(db: Db): Promise<{ seeded: boolean }> {
  const [sequence] = await rowsOf<{ used: boolean }>(db, sql`select is_called as used from letter_campaigns_id_seq`);
  if (sequence?.used) return { seeded: false };
  const reviewAddress = (await getSiteSettings(db)).contactEmail || 'review@example.org';
  await db.transaction(async (tx) => {
    const [campaign] = await tx
      .insert(letterCampaigns)
      .values({
        slug: SAMPLE_LETTER_CAMPAIGN,
        status: 'open',
        targetKinds: ['my-senator', 'my-representative'],
        deliveryMode: 'each',
        reviewAddress,
        allowStory: true,
        goal: 500,
        isDemo: true,
      })
      .returning({ id: letterCampaigns.id });
    await tx.insert(letterCampaignTranslations).values([
      { campaignId: campaign!.id, locale: 'en', ...words.en },
      { campaignId: campaign!.id, locale: 'es', ...words.es },
    ]);
  });
  return { seeded: true };
}
