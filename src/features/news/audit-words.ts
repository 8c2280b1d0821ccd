import type { AuditFacts, AuditWords } from '../audit/service.ts';

/** The audit log's sentences for news: "Rosa Martinez published the post Advocacy Day is coming". */
function post(e: AuditFacts): string {
  return `the post ${e.subject ?? e.subjectId}`;
}

const fieldLabels: Record<string, string> = {
  slug: 'Address',
  type: 'Kind of post',
  publishedOn: 'Date',
  authorName: 'Author',
  imageId: 'Image',
  topics: 'Topics',
  published: 'Published',
  'en.title': 'Title (English)',
  'en.summary': 'Summary (English)',
  'en.bodyMd': 'Text (English)',
  'es.title': 'Title (Spanish)',
  'es.summary': 'Summary (Spanish)',
  'es.bodyMd': 'Text (Spanish)',
};

export const newsAuditWords: AuditWords = {
  actions: {
    'news.create': { label: 'Created a news post', sentence: (e) => `${e.actor} created ${post(e)}` },
    'news.update': { label: 'Edited a news post', sentence: (e) => `${e.actor} edited ${post(e)}` },
    'news.translate': {
      label: 'Added a language to a news post',
      sentence: (e) => `${e.actor} added a copy to translate of ${post(e)}`,
    },
    'news.publish': { label: 'Published a news post', sentence: (e) => `${e.actor} published ${post(e)}` },
    'news.unpublish': { label: 'Unpublished a news post', sentence: (e) => `${e.actor} unpublished ${post(e)}` },
    'news.delete': { label: 'Deleted a news post', sentence: (e) => `${e.actor} deleted ${post(e)}` },
  },
  subjectHref: (type, id) => (type === 'news-post' && /^[0-9]{1,9}$/.test(id) ? `/admin/news/${id}/en` : undefined),
  fieldLabel: (name) => fieldLabels[name],
};
