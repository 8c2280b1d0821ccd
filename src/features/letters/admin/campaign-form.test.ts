import { describe, expect, it } from 'vitest';
import { parseCampaignForm } from './campaign-form.ts';

const roster = [{ id: 'ocd-person/a', label: 'A', email: 'a@leg.example' }];
const valid = {
  slug: 'sample',
  deliveryMode: 'digest',
  reviewAddress: 'review@staff.example',
  'en.title': 'Sample',
  'en.subjectMatter': 'A sample topic',
  'en.subject': 'Please',
  'en.greeting': 'Dear',
  'en.body': 'I write.',
  'en.closing': 'Thanks,',
};

describe('the campaign form', () => {
  it('takes a committee only from the roster’s list when it has one, and keeps no stray target behind', () => {
    const committee = { ...valid, 'target.committee': 'on', committee: 'Sample Committee On Water' };
    expect(parseCampaignForm(committee, roster, 'America/Los_Angeles').draft?.facts.committee).toBe(
      'Sample Committee On Water',
    );
    expect(parseCampaignForm(committee, roster, 'America/Los_Angeles', ['Other']).errors.committee).toBe(
      'Choose a committee from the list',
    );
    // A committee and legislators typed, but only the senator chosen: neither is kept.
    const senator = { ...committee, 'target.committee': '', 'target.my-senator': 'on', legislatorIds: 'ocd-person/a' };
    expect(parseCampaignForm(senator, roster, 'America/Los_Angeles').draft?.facts).toMatchObject({
      targetKinds: ['my-senator'],
      committee: '',
      legislatorIds: [],
      deliveryMode: 'digest',
    });
  });

  it('reads dates in the site’s zone, refuses days the calendar lacks, and Spanish only whole', () => {
    const dated = { ...valid, 'target.list': 'on', legislatorIds: 'ocd-person/a', opensAt: '2027-07-01T09:00' };
    expect(parseCampaignForm(dated, roster, 'America/Los_Angeles').draft?.facts.opensAt?.toISOString()).toBe(
      '2027-07-01T16:00:00.000Z',
    );
    const errors = parseCampaignForm(
      { ...dated, closesAt: '2027-02-30T09:00', 'es.title': 'Muestra' },
      roster,
      'America/Los_Angeles',
    ).errors;
    expect(errors.closesAt).toBe('Enter a date and time like 2027-03-04 09:30');
    expect(errors['es.body']).toBe('Enter the Spanish letter');
  });
});
