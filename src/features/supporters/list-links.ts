import type { Secrets } from '../../platform/crypto.ts';
import { localizedPath } from '../../platform/web/locale.ts';
import type { ListLinks, OutboxRow } from '../email/service.ts';
import { preferencesToken } from './service.ts';

/**
 * The links every bulk message carries, from the supporter id the sender
 * put in the outbox row's data. A bulk row without one is refused rather
 * than sent without a way out.
 */
export function supporterListLinks(deps: {
  secrets: Secrets;
  publicUrl: string;
  unsubscribeMailbox?: string | undefined;
}): (row: OutboxRow) => ListLinks {
  return (row) => {
    const id = row.data.supporterId;
    if (typeof id !== 'number' || !Number.isInteger(id))
      throw new Error(`bulk email ${row.id} has no supporterId: it cannot carry an unsubscribe link`);
    const token = preferencesToken(deps.secrets, id);
    return {
      preferencesUrl: deps.publicUrl + localizedPath(row.locale, `/preferences/${token}`),
      unsubscribeUrl: `${deps.publicUrl}/unsubscribe/${token}`,
      // The token in the subject lets whoever reads that mailbox find the person without writing back.
      unsubscribeMailto: deps.unsubscribeMailbox
        ? `mailto:${deps.unsubscribeMailbox}?subject=${encodeURIComponent(`unsubscribe ${token}`)}`
        : undefined,
    };
  };
}
