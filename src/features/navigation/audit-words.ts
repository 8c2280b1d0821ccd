import type { AuditFacts, AuditWords } from '../audit/service.ts';

/** The audit log's sentences for changes to the menus: "Rosa Martinez added About (main menu) to a menu". */
const name = (e: AuditFacts) => e.subject ?? `menu item ${e.subjectId}`;

export const navigationAuditWords: AuditWords = {
  actions: {
    'menu.add': { label: 'Added a menu item', sentence: (e) => `${e.actor} added the menu item ${name(e)}` },
    'menu.update': { label: 'Edited a menu item', sentence: (e) => `${e.actor} edited the menu item ${name(e)}` },
    'menu.remove': { label: 'Removed a menu item', sentence: (e) => `${e.actor} removed the menu item ${name(e)}` },
    'menu.move-up': { label: 'Moved a menu item up', sentence: (e) => `${e.actor} moved the menu item ${name(e)} up` },
    'menu.move-down': {
      label: 'Moved a menu item down',
      sentence: (e) => `${e.actor} moved the menu item ${name(e)} down`,
    },
    'menu.reorder': { label: 'Reordered a menu', sentence: (e) => `${e.actor} put ${name(e)} in a new order` },
  },
  subjectHref: (type, id) => (type === 'menu-item' ? `/admin/navigation/items/${id}` : undefined),
  fieldLabel: (field) =>
    ({
      labelEn: 'Words (English)',
      labelEs: 'Words (Spanish)',
      target: 'Leads to',
      hidden: 'Hidden',
      position: 'Place',
      order: 'Order',
    })[field],
};
