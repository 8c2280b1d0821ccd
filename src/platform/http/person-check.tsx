import { randomBytes, randomInt } from 'node:crypto';
import type { Secrets } from '../crypto.ts';
import type { Locale } from '../web/locale.ts';

/**
 * The other way in, for a form sent without the automatic check when this
 * connection has already sent several (a rally on shared Wi-Fi, a library
 * computer): the form comes back asking a short sum a person answers without
 * JavaScript, instead of a wait. The question travels in a signed token that
 * names its two numbers, so nothing is stored until it is answered, and an
 * answered token is spent once (FormGuard keeps it with the spent solutions).
 */
export const PERSON_CHECK_FIELD = 'person-check';
export const PERSON_CHECK_TOKEN = 'person-check-token';

/** Long enough to fill in the form again at a rally's pace. */
const VALID_MS = 30 * 60_000;

export type PersonQuestion = { token: string; a: number; b: number; answer?: string | undefined };
export type PersonAnswer =
  | { state: 'absent' }
  | { state: 'wrong' }
  | { state: 'right'; spend: string; expiresAt: Date };

const words: Record<Locale, { question: (a: number, b: number) => string; hint: string }> = {
  en: {
    question: (a, b) => `To send the form, answer this question: what is ${a} plus ${b}?`,
    hint: 'Type the answer in numbers, for example 12. It shows us a person sent the form.',
  },
  es: {
    question: (a, b) => `Para enviar el formulario, responde esta pregunta: ¿cuánto es ${a} más ${b}?`,
    hint: 'Escribe la respuesta en números, por ejemplo 12. Así sabemos que una persona envió el formulario.',
  },
};

/** What a form says when FormGuard asks the question, finds it answered wrongly, or holds an address up a moment. */
export const personCheckRefusals: Record<Locale, Record<'ask-person' | 'wrong-answer' | 'too-many', string>> = {
  en: {
    'ask-person':
      'Many forms have come from this connection, perhaps a shared network. To send yours, answer the question below.',
    'wrong-answer': 'That answer was not right. Answer the new question below to send the form.',
    'too-many': 'Very many forms have come from this connection in a short time. Wait a minute, then send it again.',
  },
  es: {
    'ask-person':
      'Llegaron muchos formularios desde esta conexión, quizás una red compartida. ' +
      'Para enviar el tuyo, responde la pregunta de abajo.',
    'wrong-answer': 'Esa respuesta no es correcta. Responde la nueva pregunta de abajo para enviar el formulario.',
    'too-many':
      'Llegaron muchísimos formularios desde esta conexión en poco tiempo. Espera un minuto y vuelve a enviarlo.',
  },
};

export class PersonCheck {
  constructor(private readonly secrets: Secrets) {}

  private mac(a: number, b: number, expires: number, nonce: string): string {
    return this.secrets.hmac('altcha', `person-check:${a}:${b}:${expires}:${nonce}`);
  }

  /** A fresh question: two numbers from 2 to 9. */
  ask(now = Date.now()): PersonQuestion {
    const a = randomInt(2, 10);
    const b = randomInt(2, 10);
    const expires = Math.floor((now + VALID_MS) / 1000);
    const nonce = randomBytes(9).toString('base64url');
    return { token: `${a}.${b}.${expires}.${nonce}.${this.mac(a, b, expires, nonce)}`, a, b };
  }

  /** The question a token asks, when ours and not expired (a form sent back for a typing mistake asks it again). */
  read(token: unknown, now = Date.now()): PersonQuestion | undefined {
    if (typeof token !== 'string' || token.length > 200) return undefined;
    const m = /^([2-9])\.([2-9])\.(\d{1,12})\.([A-Za-z0-9_-]{12})\.([A-Za-z0-9_-]{43})$/.exec(token);
    if (!m) return undefined;
    const [a, b, expires] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (expires * 1000 < now || this.mac(a, b, expires, m[4]!) !== m[5]) return undefined;
    return { token, a, b };
  }

  /** Whether the form answers its question; a right answer names what to spend, so it is accepted once. */
  check(token: unknown, answer: unknown, now = Date.now()): PersonAnswer {
    if ((token === undefined || token === '') && (answer === undefined || answer === '')) return { state: 'absent' };
    const question = this.read(token, now);
    if (!question || typeof answer !== 'string') return { state: 'wrong' };
    if (answer.trim() !== String(question.a + question.b)) return { state: 'wrong' };
    const expires = Number(question.token.split('.')[2]) * 1000;
    return { state: 'right', spend: `person:${question.token.split('.').at(-1)}`, expiresAt: new Date(expires) };
  }
}

/** The question as a form field: its label is the question, its error why it is asked. */
export function PersonCheckField(props: { question: PersonQuestion; locale: Locale; error?: string | undefined }) {
  const t = words[props.locale];
  const { question, error } = props;
  const described = [`${PERSON_CHECK_FIELD}-hint`, error ? `${PERSON_CHECK_FIELD}-error` : ''].filter(Boolean);
  return (
    <div class={error ? 'field field-error' : 'field'}>
      <input type="hidden" name={PERSON_CHECK_TOKEN} value={question.token} />
      <label for={PERSON_CHECK_FIELD}>{t.question(question.a, question.b)}</label>
      <p class="hint" id={`${PERSON_CHECK_FIELD}-hint`}>
        {t.hint}
      </p>
      {error ? (
        <p class="error-message" id={`${PERSON_CHECK_FIELD}-error`}>
          <span class="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
      <input
        type="text"
        id={PERSON_CHECK_FIELD}
        name={PERSON_CHECK_FIELD}
        inputmode="numeric"
        autocomplete="off"
        maxlength={3}
        value={question.answer ?? ''}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={described.join(' ')}
      />
    </div>
  );
}
