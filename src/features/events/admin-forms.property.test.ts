import * as fc from 'fast-check';
import { beforeAll, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { signedInAs, type Browser } from '../../../test/support/staff.ts';
import { checkWorkspaceForm, hostileText } from '../../../test/support/workspace-form.ts';
import { fakeImages } from '../news/news-test-support.ts';
import { addRsvp, sampleDraft } from './admin-test-support.ts';
import { createEvent } from './event-editing.ts';

/**
 * The event editor (new, and an event with a session and a question) and the check-in and message buttons, posted
 * hostile text in every field by an organizer: never a 5xx; a refusal is the form again with what was typed, and
 * writes nothing.
 */
let made = 0;
const unique = () => `event-${Date.now().toString(36)}-${made++}`;

describeEachDatabase('event forms keep what was typed', (database) => {
  let organizer: Browser;
  let eventId: number;
  // Rows the page does not show, and an image as any id: what a hand-made request might send.
  const extra = {
    imageId: fc.oneof(fc.constantFrom('', '7', '8', '-1', '1e3', '99999999999999999999'), hostileText),
    'sessions.3.titleEn': hostileText,
    'sessions.0.id': fc.oneof(fc.constantFrom('', '1', '999999', '-1'), hostileText),
    'questions.2.kind': fc.oneof(fc.constantFrom('text', 'yes-no', 'choice'), hostileText),
  };

  beforeAll(async () => {
    const app = createTestApp(database(), {}, { images: fakeImages }).app;
    organizer = await signedInAs(app, database(), 'organizer');
    const draft = sampleDraft({ capacity: 3 });
    draft.sessions = [
      { titleEn: 'Morning', titleEs: 'Mañana', startsAt: draft.facts.startsAt, endsAt: draft.facts.endsAt },
    ];
    draft.questions = [
      {
        kind: 'choice',
        labelEn: 'Size',
        labelEs: 'Talla',
        choices: [
          { en: 'S', es: 'P' },
          { en: 'L', es: 'G' },
        ],
        required: true,
      },
    ];
    eventId = ((await createEvent(database().db, draft, null)) as { id: number }).id;
    await addRsvp(database().db, eventId, { givenName: 'Ana', familyName: 'Sample' });
  });

  it('a new event', async () => {
    await checkWorkspaceForm(organizer, database(), {
      screen: '/admin/events/new',
      action: '/admin/events/new',
      extra,
      valid: () => ({
        slug: unique(),
        venue: 'Hall',
        address: '1 Main St',
        'en.title': 'An event',
        'en.summary': 'A summary',
      }),
    });
  }, 240_000);

  it('an event’s editor', async () => {
    const path = `/admin/events/${eventId}`;
    await checkWorkspaceForm(organizer, database(), { screen: path, action: path, extra });
  }, 240_000);

  it('the check-in button', async () => {
    const path = `/admin/events/${eventId}/check-in`;
    await checkWorkspaceForm(organizer, database(), {
      screen: path,
      action: path,
      // The first form with this action is the search (a GET); the second, the first person's button.
      nth: 1,
      extra: { intent: fc.oneof(fc.constantFrom('present', 'undo'), hostileText) },
    });
  }, 120_000);
});
