import type { AuditFacts, AuditWords } from '../audit/service.ts';

/** The audit log's sentences for the media library: "Rosa Martinez uploaded the image “Volunteers at a table”". */
const imageName = (e: AuditFacts) => (e.subject ? `the image ${e.subject}` : `image #${e.subjectId}`);

export const mediaAuditWords: AuditWords = {
  actions: {
    'image.upload': {
      label: 'Uploaded an image',
      sentence: (e) => `${e.actor} uploaded ${imageName(e)}`,
    },
    'image.update': {
      label: 'Edited an image’s words',
      sentence: (e) => `${e.actor} edited the words of ${imageName(e)}`,
    },
    'image.delete': {
      label: 'Deleted an image',
      sentence: (e) => `${e.actor} deleted ${imageName(e)}`,
    },
  },
  subjectHref: (type, id) => (type === 'image' && /^\d+$/.test(id) ? `/admin/media/${id}` : undefined),
  fieldLabel: (name) => fields[name],
};

const fields: Record<string, string> = {
  altEn: 'English: alt text',
  altEs: 'Spanish: alt text',
  captionEn: 'English: caption',
  captionEs: 'Spanish: caption',
  credit: 'Credit',
  width: 'Width in pixels',
  height: 'Height in pixels',
  files: 'Files made',
};
