import { people, type AuditFacts, type AuditWords } from '../audit/service.ts';

/**
 * The audit log's sentences for supporters' records. A supporter is named by
 * number only: the log is never erased, and a name in it would outlive an erasure.
 */

function supporter(e: AuditFacts): string {
  return `supporter #${e.subjectId}`;
}

// Done by the supporters themselves (their preferences page) rather than by staff.
function bySupporter(e: AuditFacts): boolean {
  return e.note?.includes('by the supporter') ?? false;
}

export const supporterAuditWords: AuditWords = {
  actions: {
    'supporter.tag-add': {
      label: 'Tagged a supporter',
      sentence: (e) => `${e.actor} added a tag to ${supporter(e)}`,
    },
    'supporter.tag-remove': {
      label: 'Removed a supporter’s tag',
      sentence: (e) => `${e.actor} removed a tag from ${supporter(e)}`,
    },
    'supporter.links-stop': {
      label: 'Stopped a supporter’s email links',
      sentence: (e) =>
        bySupporter(e)
          ? `${capitalised(supporter(e))} stopped the links in their earlier emails from working`
          : `${e.actor} stopped the links in emails already sent to ${supporter(e)} from working`,
    },
    'supporter.erase': {
      label: 'Erased a supporter',
      sentence: (e) =>
        bySupporter(e)
          ? `${capitalised(supporter(e))} erased everything held about them`
          : `${e.actor} erased everything held about ${supporter(e)}`,
    },
    'supporter.add': {
      label: 'Added a supporter',
      sentence: (e) => `${e.actor} added ${supporter(e)}, with the consent they gave to staff`,
    },
    'supporter.edit': {
      label: 'Changed a supporter’s details',
      sentence: (e) => `${e.actor} changed the details of ${supporter(e)}${changedFields(e)}`,
    },
    'supporter.subscriptions-change': {
      label: 'Changed what a supporter receives',
      sentence: (e) => `${e.actor} changed what ${supporter(e)} receives`,
    },
    'supporter.note-add': {
      label: 'Wrote a note about a supporter',
      sentence: (e) => `${e.actor} wrote a note on the timeline of ${supporter(e)}`,
    },
    'supporter.note-edit': {
      label: 'Corrected a note about a supporter',
      sentence: (e) => `${e.actor} corrected a note on the timeline of ${supporter(e)}`,
    },
    'supporter.note-delete': {
      label: 'Deleted a note about a supporter',
      sentence: (e) => `${e.actor} deleted a note from the timeline of ${supporter(e)}`,
    },
    'supporter.merge': {
      label: 'Merged two supporter records',
      sentence: (e) => `${e.actor} merged another record into ${supporter(e)}${e.note ? ` (${e.note})` : ''}`,
    },
    'supporter.merge-undo': {
      label: 'Undid a merge of supporter records',
      sentence: (e) => `${e.actor} undid a merge into ${supporter(e)}${e.note ? ` (${e.note})` : ''}`,
    },
    'supporter.segment-create': {
      label: 'Saved a segment',
      sentence: (e) => `${e.actor} saved the segment ${segment(e)}`,
    },
    'supporter.segment-edit': {
      label: 'Changed a segment',
      sentence: (e) => `${e.actor} changed the segment ${segment(e)}`,
    },
    'supporter.segment-delete': {
      label: 'Deleted a segment',
      sentence: (e) => `${e.actor} deleted the segment ${segment(e)}`,
    },
    'supporter.bulk-tag': {
      label: 'Tagged many supporters',
      sentence: (e) => `${e.actor} added the tag “${String(e.after.tag ?? '')}” to ${people(e.after.people)}${from(e)}`,
    },
    'supporter.bulk-untag': {
      label: 'Removed a tag from many supporters',
      sentence: (e) =>
        `${e.actor} removed the tag “${String(e.after.tag ?? '')}” from ${people(e.after.people)}${from(e)}`,
    },
    'supporter.export': {
      label: 'Downloaded a supporter’s data',
      sentence: (e) => `${e.actor} downloaded everything held about ${supporter(e)}`,
    },
    'supporter.import': {
      label: 'Started a supporter import',
      sentence: (e) => `${e.actor} started import ${e.subjectId} of supporters from a CSV file`,
    },
    'supporter.imported': {
      label: 'Finished a supporter import',
      sentence: (e) =>
        `Import ${e.subjectId} finished: ${count(e, 'create')} added, ${count(e, 'update')} updated, ` +
        `${count(e, 'rejected')} rows refused`,
    },
    'supporter.export-list': {
      label: 'Downloaded a list of supporters',
      sentence: (e) => `${e.actor} downloaded ${count(e, 'rows')} supporters as CSV`,
    },
  },
  subjectHref: (type, id) => {
    if (!/^\d+$/.test(id)) return undefined;
    if (type === 'supporter-import') return `/admin/supporters/import/${id}`;
    if (type === 'segment') return `/admin/supporters?segment=${id}`;
    return type === 'supporter' ? `/admin/supporters/${id}` : undefined;
  },
};

function segment(e: AuditFacts): string {
  return e.subject ? `“${e.subject}”` : `#${e.subjectId}`;
}

// A bulk action names the segment it acted on by number: the people are not named, nor the filters typed.
function from(e: AuditFacts): string {
  return typeof e.after.segment === 'number' ? ` in segment #${e.after.segment}` : '';
}

const fieldNames: Record<string, string> = {
  givenName: 'first name',
  familyName: 'last name',
  email: 'email',
  phone: 'phone',
  zip: 'ZIP code',
  language: 'language',
};

// Which fields, never their values: the log outlives an erasure.
function changedFields(e: AuditFacts): string {
  const fields = Array.isArray(e.after.fields) ? e.after.fields.filter((f) => typeof f === 'string') : [];
  return fields.length === 0 ? '' : ` (${fields.map((f) => fieldNames[f] ?? f).join(', ')})`;
}

function count(e: AuditFacts, key: string): string {
  return typeof e.after[key] === 'number' ? (e.after[key] as number).toLocaleString('en-US') : 'some';
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
