import { Hono } from 'hono';
import { assetOf, packageFile } from '../web/assets.ts';
import type { Locale } from '../web/locale.ts';
import type { AppEnv } from './env.ts';
import { CHALLENGE_FIELD, CHALLENGE_PATH, type FormGuard } from './form-challenge.ts';
import { sendPrepared } from './respond.ts';

/**
 * The ALTCHA widget, served by this site (never a CDN): the package's
 * "external" build, which injects no inline styles or blob: workers and so
 * runs under our CSP unchanged; its CSS goes into our stylesheet
 * (assets.ts); its PBKDF2 worker is a file of its own.
 */
const widget = assetOf(
  packageFile('altcha/altcha.css', 'altcha.min.js'),
  (h) => `/assets/altcha.${h}.js`,
  'text/javascript; charset=utf-8',
);
const worker = assetOf(
  packageFile('altcha/altcha.css', '../workers/pbkdf2.js'),
  (h) => `/assets/altcha-pbkdf2.${h}.js`,
  'text/javascript; charset=utf-8',
);

type WidgetWords = {
  label: string;
  verifying: string;
  verified: string;
  error: string;
  expired: string;
  verificationRequired: string;
  waitAlert: string;
  loading: string;
  verify: string;
  reload: string;
  cancel: string;
  enterCode: string;
  enterCodeAria: string;
  enterCodeFromImage: string;
  getAudioChallenge: string;
  ariaLinkLabel: string;
  footer: string;
};

/** What the widget says, in our words and both languages (its own catalog would add a request and other wording). */
export const widgetWords: Record<Locale, WidgetWords> = {
  en: {
    label: 'Automatic check that you are a person',
    verifying: 'Checking…',
    verified: 'Checked: you can send the form',
    error: 'The automatic check did not work. You can still send the form.',
    expired: 'The check has expired. It will run again when you send the form.',
    verificationRequired: 'Please wait for the automatic check to finish.',
    waitAlert: 'Checking… please wait a moment.',
    loading: 'Loading…',
    verify: 'Check',
    reload: 'Try again',
    cancel: 'Cancel',
    enterCode: 'Enter the code',
    enterCodeAria: 'Enter the code you hear. Press Space to play the audio.',
    enterCodeFromImage: 'To continue, enter the code shown in the picture.',
    getAudioChallenge: 'Listen to the code instead',
    ariaLinkLabel: 'About ALTCHA',
    footer: '',
  },
  es: {
    label: 'Comprobación automática de que eres una persona',
    verifying: 'Comprobando…',
    verified: 'Comprobado: ya puedes enviar el formulario',
    error: 'La comprobación automática no funcionó. Aun así puedes enviar el formulario.',
    expired: 'La comprobación venció. Se repetirá cuando envíes el formulario.',
    verificationRequired: 'Espera a que termine la comprobación automática.',
    waitAlert: 'Comprobando… espera un momento.',
    loading: 'Cargando…',
    verify: 'Comprobar',
    reload: 'Intentar de nuevo',
    cancel: 'Cancelar',
    enterCode: 'Escribe el código',
    enterCodeAria: 'Escribe el código que escuchas. Pulsa Espacio para oír el audio.',
    enterCodeFromImage: 'Para continuar, escribe el código que aparece en la imagen.',
    getAudioChallenge: 'Escuchar el código',
    ariaLinkLabel: 'Acerca de ALTCHA',
    footer: '',
  },
};

/**
 * Our few lines around the widget. The widget starts its work when someone
 * first focuses the form (auto="onfocus"), so it is usually done before they
 * press the button; a press that comes sooner waits for it and then sends.
 * If the check cannot run at all, the form is sent without it and the server
 * applies its stricter limit for forms without a solution: nobody is stuck.
 */
const enhancement = `import ${JSON.stringify(widget.path)};
const words = ${JSON.stringify(widgetWords)};
for (const [language, strings] of Object.entries(words)) globalThis.$altcha.i18n.set(language, strings);
globalThis.$altcha.algorithms.set('PBKDF2/SHA-256', () => new Worker(${JSON.stringify(worker.path)}));
for (const widget of document.querySelectorAll('altcha-widget')) {
  const form = widget.closest('form');
  if (!form) continue;
  let waiting = false;
  form.addEventListener('submit', (event) => {
    const state = typeof widget.getState === 'function' ? widget.getState() : undefined;
    if (!state || state === 'verified' || state === 'error') return;
    event.preventDefault();
    if (waiting) return;
    waiting = true;
    const submitter = event.submitter;
    const settle = (change) => {
      const next = change.detail && change.detail.state;
      if (next !== 'verified' && next !== 'error') return;
      widget.removeEventListener('statechange', settle);
      waiting = false;
      form.requestSubmit(submitter);
    };
    widget.addEventListener('statechange', settle);
    if (state !== 'verifying') widget.verify();
  }, { capture: true });
}
`;
export const signupScript = assetOf(
  Buffer.from(enhancement),
  (h) => `/assets/signup.${h}.js`,
  'text/javascript; charset=utf-8',
);

/**
 * The proof-of-work check inside a form. Without JavaScript it is an unknown,
 * empty element and the form works as before (under the stricter limit);
 * the challenge itself is fetched by the widget, so cached pages never hold one.
 */
export function ChallengeWidget() {
  return (
    <altcha-widget
      challenge={CHALLENGE_PATH}
      name={CHALLENGE_FIELD}
      auto="onfocus"
      configuration='{"hideFooter":true,"hideLogo":true}'
    />
  );
}

/**
 * The check as a form field: the error summary's link for a failed check
 * leads here, to its message and the widget.
 */
export function ChallengeField(props: { error?: string | undefined }) {
  return (
    <div class={props.error ? 'field field-error' : 'field'} id={CHALLENGE_FIELD}>
      {props.error ? (
        <p class="error-message" id={`${CHALLENGE_FIELD}-error`}>
          <span class="visually-hidden">Error: </span>
          {props.error}
        </p>
      ) : null}
      <ChallengeWidget />
    </div>
  );
}

/** The challenge endpoint and the widget's files. */
export function formChallengeRoutes(guard: FormGuard): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  // Fetched by the widget when it starts, never part of a cached page: every visitor gets their own.
  app.get(CHALLENGE_PATH, async (c) => c.json(await guard.issue(), 200, { 'Cache-Control': 'no-store' }));
  for (const asset of [widget, worker, signupScript]) {
    app.get(asset.path, (c) => sendPrepared(c, asset, { cacheControl: 'public, max-age=31536000, immutable' }));
  }
  return app;
}
