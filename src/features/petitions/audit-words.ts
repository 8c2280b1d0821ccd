import { count, type AuditFacts, type AuditWords } from '../audit/service.ts';

/** The audit log's sentences for petitions: "Ana Flores closed the petition Fund our schools". */

function petition(e: AuditFacts): string {
  const title = e.subject ?? e.after.titleEn ?? e.before.titleEn;
  return `the petition ${typeof title === 'string' ? title : e.subjectId}`;
}

const statusVerbs: Record<string, string> = {
  open: 'opened',
  closed: 'closed',
  archived: 'archived',
  draft: 'made a draft of',
};

function edited(e: AuditFacts): string {
  const status = e.after.status;
  if (typeof status === 'string' && e.before.status !== undefined && status !== e.before.status)
    return `${e.actor} ${statusVerbs[status] ?? `set to ${status}`} ${petition(e)}`;
  return `${e.actor} edited ${petition(e)}`;
}

// A block names an address only by its keyed hash, and a domain as typed.
function blocked(e: AuditFacts): string {
  return e.subjectType.endsWith('-ip') ? 'one internet address' : `email addresses at ${e.subjectId}`;
}

export const petitionAuditWords: AuditWords = {
  actions: {
    'petition.create': { label: 'Created a petition', sentence: (e) => `${e.actor} created ${petition(e)}` },
    'petition.update': { label: 'Edited a petition', sentence: edited },
    'petition.export': {
      label: 'Downloaded signatures',
      sentence: (e) => `${e.actor} downloaded the signatures of ${petition(e)}`,
    },
    'petition.signatures-invalidate': {
      label: 'Struck out signatures',
      sentence: (e) =>
        `${e.actor} struck out ${count(e.after.invalidated)} signatures on ${petition(e)}` +
        (e.after.verified ? `, ${count(e.after.verified)} of them verified` : ''),
    },
    'petition.limits-update': {
      label: 'Changed the signing limits',
      sentence: (e) => `${e.actor} changed how many signatures one address may send`,
    },
    'petition.block-add': {
      label: 'Blocked signing',
      sentence: (e) => `${e.actor} blocked signing from ${blocked(e)}`,
    },
    'petition.block-remove': {
      label: 'Unblocked signing',
      sentence: (e) => `${e.actor} unblocked signing from ${blocked(e)}`,
    },
  },
  subjectHref: (type, id) =>
    type === 'petition' && /^\d+$/.test(id)
      ? `/admin/petitions/${id}`
      : type.startsWith('petition-')
        ? '/admin/petitions/abuse'
        : undefined,
  fieldLabel: (name) =>
    ({
      titleEn: 'Title (English)',
      titleEs: 'Title (Spanish)',
      statementEn: 'Length of the statement (English)',
      statementEs: 'Length of the statement (Spanish)',
      target: 'Addressed to',
      opensAt: 'Opens',
      closesAt: 'Closes',
      perIpBurst: 'Signatures from one address at once',
      perIpPerHour: 'Signatures from one address an hour',
      through: 'Up to signature number',
      ipHash: 'Internet address',
      'filters.ipHash': 'Filters: internet address',
      'filters.emailDomain': 'Filters: email domain',
    })[name],
};
