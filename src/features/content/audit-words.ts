import type { AuditActionWords, AuditFacts, AuditWords } from '../audit/service.ts';
import { fieldLabel } from './versions.ts';

/**
 * The audit log's sentences for content's actions: "Rosa Martinez published
 * the page Advocacy Day (English)". Entries recorded before names were kept
 * are named by their address ("about (Spanish)").
 */
const kinds = { page: 'page', policy: 'policy', resource: 'resource' } as const;
const languages: Record<string, string> = { en: 'English', es: 'Spanish' };

function itemName(entry: AuditFacts): string {
  if (entry.subject) return entry.subject;
  const page = /^(.+)\.(en|es)$/.exec(entry.subjectId);
  return page ? `${page[1]} (${languages[page[2]!]})` : entry.subjectId;
}

const verbs = {
  create: { label: 'Created', says: 'created' },
  update: { label: 'Edited', says: 'edited' },
  publish: { label: 'Published', says: 'published' },
  unpublish: { label: 'Unpublished', says: 'unpublished' },
  delete: { label: 'Deleted', says: 'deleted' },
  restore: { label: 'Restored an earlier version of', says: 'restored an earlier version of' },
} as const;

function actionsFor(kind: keyof typeof kinds): Record<string, AuditActionWords> {
  return Object.fromEntries(
    Object.entries(verbs).map(([verb, words]) => [
      `${kind}.${verb}`,
      {
        label: `${words.label} a ${kinds[kind]}`,
        sentence: (e: AuditFacts) =>
          `${e.actor} ${words.says} the ${kinds[kind]} ${itemName(e)}` +
          (verb === 'create' && e.note?.startsWith('Copied') ? ', a copy to translate' : ''),
      },
    ]),
  );
}

export const contentAuditWords: AuditWords = {
  actions: {
    ...actionsFor('page'),
    ...actionsFor('policy'),
    ...actionsFor('resource'),
    'settings.update': {
      label: 'Changed the site’s settings',
      sentence: (e) => `${e.actor} changed the site’s settings`,
    },
    'settings.restore': {
      label: 'Restored earlier site settings',
      sentence: (e) => `${e.actor} restored an earlier version of the site’s settings`,
    },
    'resource.upload': {
      label: 'Uploaded a resource’s file',
      sentence: (e) => `${e.actor} uploaded a new file for the resource ${itemName(e)}`,
    },
  },
  subjectHref: (type, id) => {
    if (type === 'settings') return '/admin/settings';
    if (type === 'page') {
      const page = /^([a-z0-9-]+)\.(en|es)$/.exec(id);
      return page ? `/admin/content/pages/${page[1]}/${page[2]}/edit` : undefined;
    }
    return type === 'policy' || type === 'resource'
      ? `/admin/content/${type === 'policy' ? 'policies' : 'resources'}/${id}`
      : undefined;
  },
  fieldLabel: (name) =>
    ({ file: 'File', contentType: 'Kind of file', bytes: 'Size in bytes' })[name] ?? fieldLabel(name),
};
