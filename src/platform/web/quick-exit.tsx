import { Hono } from 'hono';
import type { AppEnv } from '../http/env.ts';
import { sendPrepared } from '../http/respond.ts';
import { assetOf } from './assets.ts';
import type { Locale } from './locale.ts';

/** Where "Exit this page" leads: a site that says nothing about why the reader was here. */
export const QUICK_EXIT_URL = 'https://www.weather.gov/';

/**
 * The enhancements of the pages where a survivor writes or reads about harm, as one small file of our own:
 *
 * - "Exit this page" (the GOV.UK pattern): the button, or Shift pressed three times within a second (a held key's
 *   repeats do not count, and any other key starts the count again), blanks the page and replaces it with the
 *   neutral site, so Back does not return here. Without JavaScript the button is a plain link.
 * - A draft of the story, kept in this browser only when the person asks (a form with `.story-draft`), put back
 *   into an empty form, and deleted when they ask. Nothing else is ever stored.
 */
const source = `(() => {
  const button = document.querySelector('.quick-exit-button');
  if (button) {
    const leave = () => {
      document.body.hidden = true;
      document.title = '';
      location.replace(button.href);
    };
    const hint = document.querySelector('.quick-exit-hint');
    if (hint) hint.hidden = false;
    button.addEventListener('click', (event) => {
      event.preventDefault();
      leave();
    });
    let presses = [];
    document.addEventListener('keydown', (event) => {
      if (event.key !== 'Shift') {
        presses = [];
        return;
      }
      if (event.repeat) return;
      const now = Date.now();
      presses = presses.filter((at) => now - at < 1000).concat(now);
      if (presses.length >= 3) leave();
    });
  }
  const draft = document.querySelector('.story-draft');
  const form = draft && draft.closest('form');
  if (!form) return;
  const key = draft.dataset.draftKey;
  const status = draft.querySelector('[data-draft="status"]');
  const fields = ['story', 'contentNotes'].map((name) => form.elements.namedItem(name)).filter(Boolean);
  const say = (what) => { status.textContent = status.dataset[what] || ''; };
  let store;
  try { store = window.localStorage; } catch { return; }
  if (!store) return;
  draft.hidden = false;
  const saved = store.getItem(key);
  if (saved && fields.every((f) => f.value === '')) {
    try {
      const values = JSON.parse(saved);
      for (const f of fields) if (typeof values[f.name] === 'string') f.value = values[f.name];
      say('restored');
    } catch { store.removeItem(key); }
  }
  draft.querySelector('[data-draft="save"]').addEventListener('click', () => {
    store.setItem(key, JSON.stringify(Object.fromEntries(fields.map((f) => [f.name, f.value]))));
    say('saved');
  });
  draft.querySelector('[data-draft="delete"]').addEventListener('click', () => {
    store.removeItem(key);
    say('deleted');
  });
})();
`;

export const quickExitScript = assetOf(
  Buffer.from(source),
  (h) => `/assets/quick-exit.${h}.js`,
  'text/javascript; charset=utf-8',
);

/** The script's file: long-cached, as its name changes with its content. Mounted outside the language middleware. */
export function quickExitRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get(quickExitScript.path, (c) =>
    sendPrepared(c, quickExitScript, { cacheControl: 'public, max-age=31536000, immutable' }),
  );
  return app;
}

/**
 * The "Exit this page" button, first in the page so a keyboard reaches it at once and sticky at the top on phones.
 * Without JavaScript it is a plain link to the neutral site; with it, the script above.
 */
export function QuickExit(props: { locale: Locale }) {
  const es = props.locale === 'es';
  return (
    <div class="quick-exit">
      <a class="button quick-exit-button" href={QUICK_EXIT_URL} rel="noreferrer">
        {es ? 'Salir de esta página' : 'Exit this page'}
      </a>
      {/* True only with the script, which shows it. */}
      <span class="quick-exit-hint" hidden>
        {es ? 'O pulsa la tecla Mayúsculas tres veces' : 'Or press the Shift key three times'}
      </span>
    </div>
  );
}
