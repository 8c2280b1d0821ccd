import type { Locale } from '../../../platform/web/locale.ts';
import { referenceMessages } from '../messages.ts';

/**
 * The credit the publishers ask for (the Census Bureau requires it; Open
 * States' CC0 does not, but it is owed). Plain links: nothing is loaded from them.
 */
export function ReferenceCredits(props: { locale: Locale }) {
  const words = referenceMessages[props.locale].credits;
  const openStates = <a href="https://openstates.org/">Open States</a>;
  return (
    <p class="reference-credits">
      <span class="visually-hidden">{words.label}: </span>
      {words.legislators}: {openStates} ({words.publicDomain}). {words.boundaries}:{' '}
      <a href="https://www.census.gov/">{words.census}</a>.
    </p>
  );
}
