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

/** What staff did to a page's sections (section-editing.ts): "Rosa Martinez moved a section of the page …". */
const sectionChanges = {
  add: { label: 'Added a section to a page', says: 'added a section to' },
  edit: { label: 'Edited a section of a page', says: 'edited a section of' },
  hide: { label: 'Hid a section of a page', says: 'hid a section of' },
  show: { label: 'Showed a hidden section of a page', says: 'showed a hidden section of' },
  move: { label: 'Moved a section of a page', says: 'moved a section of' },
  remove: { label: 'Removed a section from a page', says: 'removed a section from' },
  copy: { label: 'Copied a section from the other language', says: 'copied a section from the other language to' },
} as const;

const sectionActions: Record<string, AuditActionWords> = Object.fromEntries(
  Object.entries(sectionChanges).map(([change, words]) => [
    `page.section-${change}`,
    { label: words.label, sentence: (e: AuditFacts) => `${e.actor} ${words.says} the page ${itemName(e)}` },
  ]),
);

export const contentAuditWords: AuditWords = {
  actions: {
    ...actionsFor('page'),
    ...sectionActions,
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
