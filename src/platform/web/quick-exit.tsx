import type { Locale } from './locale.ts';

/** Where "Exit this page" leads: a site that says nothing about why the reader was here. */
export const QUICK_EXIT_URL = 'https://www.weather.gov/';

/**
 * The "Exit this page" button (the GOV.UK pattern) for pages about surviving harm. Without JavaScript it is a plain
 * link; the script (to come) replaces the page without a history entry and listens for Shift pressed three times.
 */
export function QuickExit(props: { locale: Locale }) {
  return (
    <div class="quick-exit">
      <a class="button quick-exit-button" href={QUICK_EXIT_URL} rel="noreferrer">
        {props.locale === 'es' ? 'Salir de esta página' : 'Exit this page'}
      </a>
    </div>
  );
}
