import type { Context } from 'hono';
import type { AdminEnv } from '../../../platform/http/admin.tsx';
import { ConfirmationPage } from '../../../platform/web/confirmation.tsx';
import { pendingCount, verifiedCount, type Petition } from '../petition-editing.ts';
import type { PetitionStatus } from '../schema.ts';
import type { PetitionAdminDeps } from './http.ts';

/** The statuses that stop a petition taking signatures: moving to one asks first. */
const stopping: readonly PetitionStatus[] = ['closed', 'archived'];

export function stopsSigning(before: PetitionStatus, after: PetitionStatus): boolean {
  return before !== after && stopping.includes(after);
}

const number = (n: number) => n.toLocaleString('en-US');
const people = (n: number) => (n === 1 ? '1 person' : `${number(n)} people`);

/**
 * Closing or archiving a petition, asked on a page of its own that says how
 * many signers it affects. The whole edit form travels on in hidden fields,
 * so "Yes" saves exactly what was typed, with `confirmed=yes`.
 */
export async function askBeforeStopping(
  c: Context<AdminEnv>,
  deps: PetitionAdminDeps,
  petition: Petition,
  status: PetitionStatus,
  form: FormData,
): Promise<Response> {
  const [verified, pending] = await Promise.all([
    verifiedCount(deps.db, petition.id),
    pendingCount(deps.db, petition.id),
  ]);
  const verb = status === 'closed' ? 'Close' : 'Archive';
  const hidden: Record<string, string> = {};
  for (const [name, value] of form)
    if (typeof value === 'string' && name !== '_csrf' && name !== 'confirmed') hidden[name] = value;
  const signers =
    verified + pending === 0
      ? 'No one has signed it yet.'
      : `It affects ${people(verified + pending)} who signed: ${number(verified)} confirmed and ` +
        `${number(pending)} not confirmed yet. Their signatures are kept, and those not confirmed yet ` +
        'can still confirm from their email.';
  const back = `/admin/petitions/${petition.id}`;
  return deps.frame.render(c, {
    title: `${verb} the petition “${petition.en.title}”?`,
    current: 'petitions',
    body: (
      <ConfirmationPage
        title={`${verb} the petition “${petition.en.title}”?`}
        consequences={[
          `It stops taking signatures: the form leaves /petitions/${petition.slug}, ` +
            'which then shows the petition as closed, with its count.',
          signers,
          status === 'archived'
            ? 'An archived petition can later come back as closed, but never open again.'
            : 'You can open it again later if the deadline is extended.',
        ]}
        action={back}
        token={deps.frame.csrfToken(c)}
        confirmLabel={`Yes, ${verb.toLowerCase()} it`}
        cancelHref={back}
        destructive
        hidden={hidden}
      />
    ),
  });
}
