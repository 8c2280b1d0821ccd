import type { Context } from 'hono';
import type { Locale } from './locale.ts';

/**
 * Global Privacy Control (ADR 068): a browser that sends `Sec-GPC: 1` asks that its user's data be neither sold nor
 * shared, and Oregon's law (since January 2026) makes that an opt-out we must honour. We do neither for anyone, so
 * honouring it changes nothing we do; the pages that say what we do with data show that the signal was seen.
 */
export function sentPrivacySignal(c: Context): boolean {
  return c.req.header('sec-gpc')?.trim() === '1';
}

/**
 * A response whose body depends on the signal says so, so that no cache (the browser's, a proxy's) serves the page
 * made for one kind of visitor to the other. The app's own page cache keys such pages by the signal too.
 */
export function varyOnPrivacySignal(res: Response): Response {
  res.headers.append('Vary', 'Sec-GPC');
  return res;
}

const words: Record<Locale, string> = {
  en: 'Your browser sent the Global Privacy Control signal; we honour it. We never sell or share your data anyway.',
  es: 'Tu navegador envió la señal Global Privacy Control; la respetamos. De todos modos, nunca vendemos ni compartimos tus datos.',
};

export function PrivacySignalNotice(props: { locale: Locale }) {
  return (
    <p class="notice privacy-signal" role="note">
      {words[props.locale]}
    </p>
  );
}
