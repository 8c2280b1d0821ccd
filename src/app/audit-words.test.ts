import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditReading, type AuditRow } from '../features/audit/service.ts';
import { auditWords } from './audit-words.ts';

const staff = [
  { id: 1, displayName: 'Rosa Martinez' },
  { id: 2, displayName: 'Ana' },
  { id: 3, displayName: 'Sam' },
];
const reading = auditReading(auditWords, { timeZone: 'America/Los_Angeles', staff });

function row(entry: Partial<AuditRow> & { action: string }): AuditRow {
  return {
    id: 1,
    at: new Date('2026-12-01T17:30:00Z'),
    actorId: 1,
    actorEmail: 'rosa@staff.example',
    subjectType: entry.action.split('.')[0]!,
    subjectId: '7',
    ip: '10.0.0.1',
    summary: {},
    ...entry,
  };
}

/** Every file under src/ that records to the audit log, with its text. */
function recordingSources(dir = 'src'): { file: string; text: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return recordingSources(path);
    if (!/\.tsx?$/.test(entry.name) || /\.test\.tsx?$/.test(entry.name)) return [];
    const text = readFileSync(path, 'utf8');
    return text.includes('recordAudit(') && !path.endsWith(join('audit', 'service.ts')) ? [{ file: path, text }] : [];
  });
}

// Action names built from a variable: what each template can become.
const builtNames: Record<string, string[]> = {
  '`page.${action}`': ['page.publish', 'page.unpublish'],
  '`${kind.kind}.create`': ['policy.create', 'resource.create'],
  '`${kind.kind}.update`': ['policy.update', 'resource.update'],
  '`${kind.kind}.${action}`': ['policy.publish', 'policy.unpublish', 'resource.publish', 'resource.unpublish'],
  '`${kind.kind}.delete`': ['policy.delete', 'resource.delete'],
  '`${type}.restore`': ['page.restore', 'policy.restore', 'resource.restore', 'settings.restore'],
  '`page.section-${change}`': ['add', 'edit', 'hide', 'show', 'move', 'remove', 'copy'].map((c) => `page.section-${c}`),
};

/** Each action name recorded today, read from the code that records it. */
function recordedActions(): string[] {
  const names = new Set<string>();
  for (const { file, text } of recordingSources()) {
    for (const line of text.split('\n').filter((l) => /^\s*action: /.test(l))) {
      for (const [, name] of line.matchAll(/'([a-z-]+\.[a-z-]+)'/g)) names.add(name!);
      for (const [template] of line.matchAll(/`[^`]+`/g)) {
        const built = builtNames[template];
        // A new template needs its names listed above, so its sentences are checked too.
        expect(built, `${file}: which actions can ${template} be?`).toBeDefined();
        for (const name of built!) names.add(name);
      }
    }
  }
  return [...names].sort();
}

describe('the audit log in sentences', () => {
  it('has a sentence of its own, naming who, for every action recorded today', () => {
    const actions = recordedActions();
    expect(actions.length).toBeGreaterThan(40);
    const unknown = actions.filter((action) => !reading.knows(action));
    expect(unknown, 'actions without words: add them to the feature’s audit-words.ts').toEqual([]);
    for (const action of actions) {
      const sentence = reading.sentence(row({ action, summary: { note: 'by staff' } }));
      expect(sentence, action).not.toContain('did “');
      expect(sentence, action).not.toMatch(/undefined|null|\[object/);
      expect(reading.actionLabel(action), action).not.toContain('.');
    }
  });

  it('says what happened as a person would', () => {
    expect(
      reading.sentence(
        row({
          action: 'page.publish',
          subjectId: 'advocacy-day.en',
          summary: { subject: 'Advocacy Day (English)', before: { published: 'no' }, after: { published: 'yes' } },
        }),
      ),
    ).toBe('Rosa Martinez published the page Advocacy Day (English)');
    expect(reading.sentence(row({ action: 'staff.sign-in', actorId: 2, subjectId: '2' }))).toBe('Ana signed in');
    expect(
      reading.sentence(
        row({
          action: 'broadcast.schedule',
          actorId: 3,
          summary: { subject: 'Spring update', after: { scheduledAt: '2026-12-01T17:30:00.000Z', audienceNow: 3214 } },
        }),
      ),
    ).toBe('Sam sent the broadcast Spring update to 3,214 people');
    expect(
      reading.sentence(
        row({
          action: 'broadcast.schedule',
          actorId: 3,
          summary: { subject: 'Spring update', after: { scheduledAt: '2026-12-02T17:00:00.000Z', audienceNow: 1 } },
        }),
      ),
    ).toBe('Sam scheduled the broadcast Spring update for Dec 2, 2026, 9:00 AM PST, to 1 person as counted then');
    expect(
      reading.sentence(
        row({
          action: 'staff.update',
          subjectId: '2',
          summary: { before: { role: 'editor' }, after: { role: 'admin' } },
        }),
      ),
    ).toBe('Rosa Martinez gave Ana the role admin');
  });

  it('has words ready for staff invitations and resets', () => {
    expect(
      reading.sentence(row({ action: 'staff.invited', subjectId: '2', summary: { after: { role: 'editor' } } })),
    ).toBe('Rosa Martinez invited Ana to join the staff as editor');
    expect(
      reading.sentence(
        row({ action: 'staff.edited', subjectId: '2', summary: { before: { email: 'a@x' }, after: { email: 'b@x' } } }),
      ),
    ).toBe('Rosa Martinez changed Ana’s email address');
    expect(
      reading.sentence(
        row({ action: 'staff.reset-requested', actorId: null, actorEmail: '', subjectType: 'staff', subjectId: '2' }),
      ),
    ).toBe('Someone asked for a password reset link for Ana, and it was emailed to them');
  });

  it('names entries recorded before names were kept by their address', () => {
    expect(reading.sentence(row({ action: 'page.unpublish', subjectId: 'about.es' }))).toBe(
      'Rosa Martinez unpublished the page about (Spanish)',
    );
  });

  it('says who acted when no one was signed in, and never by "system" alone', () => {
    expect(reading.sentence(row({ action: 'staff.sign-in-failed', actorId: null, actorEmail: '' }))).toMatch(
      /^Someone tried to sign in/,
    );
    expect(
      reading.sentence(
        row({
          action: 'supporter.erase',
          actorId: null,
          actorEmail: '',
          ip: '',
          summary: { note: 'erased by the supporter' },
        }),
      ),
    ).toBe('Supporter #7 erased everything held about them');
    expect(
      reading.sentence(
        row({
          action: 'staff.create',
          actorId: null,
          actorEmail: '',
          ip: '',
          subjectId: '2',
          summary: { after: { role: 'admin' } },
        }),
      ),
    ).toBe('An admin at the command line added Ana to the staff as admin');
  });

  it('still reads an action no feature has words for', () => {
    expect(reading.knows('events.publish')).toBe(false);
    expect(reading.sentence(row({ action: 'events.publish', subjectType: 'event', subjectId: '12' }))).toBe(
      'Rosa Martinez did “events publish” to event 12',
    );
    expect(reading.actionLabel('events.publish')).toBe('events publish');
  });

  it('falls back to the plain sentence when a feature’s words fail on an old entry', () => {
    const failing = auditReading(
      [
        {
          actions: {
            'events.publish': {
              label: 'Published an event',
              sentence: () => {
                throw new Error('unexpected shape');
              },
            },
          },
        },
      ],
      { timeZone: 'America/Los_Angeles', staff },
    );
    expect(failing.sentence(row({ action: 'events.publish', subjectType: 'event', subjectId: '1' }))).toBe(
      'Rosa Martinez did “events publish” to event 1',
    );
  });

  it('links an entry to where its subject is now, when it has a page', () => {
    const href = (action: string, subjectType: string, subjectId: string) =>
      reading.subjectHref(row({ action, subjectType, subjectId }));
    expect(href('page.publish', 'page', 'about.es')).toBe('/admin/content/pages/about/es/edit');
    expect(href('policy.update', 'policy', 'hb-2001')).toBe('/admin/content/policies/hb-2001');
    expect(href('staff.update', 'staff', '2')).toBe('/admin/staff/2');
    expect(href('supporter.export', 'supporter', '7')).toBe('/admin/supporters/7');
    expect(href('broadcast.cancel', 'broadcast', '4')).toBe('/admin/broadcasts/4');
    expect(href('petition.export', 'petition', '3')).toBe('/admin/petitions/3');
    // A failed sign-in is about an address, kept only as a hash: nowhere to go.
    expect(href('staff.sign-in-failed', 'sign-in-email', 'ab12')).toBeUndefined();
    expect(href('events.publish', 'event', '1')).toBeUndefined();
  });
});
