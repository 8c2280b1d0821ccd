import { count, people, type AuditFacts, type AuditWords } from '../audit/service.ts';

/** The audit log's sentences for broadcasts: "Sam sent the broadcast Spring update to 3,214 people". */

function broadcast(e: AuditFacts): string {
  const name = e.subject ?? e.after.name ?? e.before.name;
  return `the broadcast ${typeof name === 'string' ? name : e.subjectId}`;
}

// "Send now" is a schedule for the moment it was pressed; a minute's slack covers the time the request took.
const NOW_MS = 60_000;

function scheduled(e: AuditFacts): string {
  const at = typeof e.after.scheduledAt === 'string' ? new Date(e.after.scheduledAt) : undefined;
  const audience = e.after.audienceNow;
  if (!at || Number.isNaN(at.getTime()) || at.getTime() - e.at.getTime() <= NOW_MS)
    return `${e.actor} sent ${broadcast(e)}${audience === undefined ? '' : ` to ${people(audience)}`}`;
  return (
    `${e.actor} scheduled ${broadcast(e)} for ${e.time(at)}` +
    (audience === undefined ? '' : `, to ${people(audience)} as counted then`)
  );
}

export const broadcastAuditWords: AuditWords = {
  actions: {
    'broadcast.create': { label: 'Started a broadcast', sentence: (e) => `${e.actor} started ${broadcast(e)}` },
    'broadcast.update': { label: 'Edited a broadcast', sentence: (e) => `${e.actor} edited ${broadcast(e)}` },
    'broadcast.schedule': { label: 'Sent or scheduled a broadcast', sentence: scheduled },
    'broadcast.unschedule': {
      label: 'Took a broadcast off the schedule',
      sentence: (e) => `${e.actor} took ${broadcast(e)} off the schedule`,
    },
    'broadcast.cancel': {
      label: 'Cancelled a broadcast',
      sentence: (e) =>
        `${e.actor} cancelled ${broadcast(e)}` +
        (e.after.withdrawn === undefined ? '' : `: ${count(e.after.withdrawn)} unsent emails were withdrawn`),
    },
  },
  subjectHref: (_type, id) => (/^\d+$/.test(id) ? `/admin/broadcasts/${id}` : undefined),
  fieldLabel: (name) => {
    const version = /^(en|es)\.(subject|preheader|bodyMd)$/.exec(name);
    if (version) return `${version[1] === 'es' ? 'Spanish' : 'English'}: ${versionFields[version[2]!]}`;
    return otherFields[name];
  },
};

const versionFields: Record<string, string> = { subject: 'subject line', preheader: 'preview line', bodyMd: 'text' };
const otherFields: Record<string, string> = {
  audienceNow: 'People in the audience then',
  scheduledAt: 'Sends at',
  withdrawn: 'Unsent emails withdrawn',
  recipientCount: 'Recipients',
};
