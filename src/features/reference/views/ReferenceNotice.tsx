import { Notice } from '../../../platform/web/components.tsx';
import type { Locale } from '../../../platform/web/locale.ts';
import { IMPORT_COMMAND, referenceMessages } from '../messages.ts';

/** Shown where a page needs districts or legislators that have not been imported. */
export function ReferenceNotice(props: { locale: Locale }) {
  return (
    <Notice>
      {referenceMessages[props.locale].notLoaded} <code>{IMPORT_COMMAND}</code>
    </Notice>
  );
}
