import type { CampaignStatus, DeliveryMode, TargetKind } from './schema.ts';

// The words the letter campaign screens share. The workspace speaks English, as every other workspace screen does.

export const statusLabels: Record<CampaignStatus, string> = {
  draft: 'Draft',
  open: 'Open',
  closed: 'Closed',
};

export const targetLabels: Record<TargetKind, string> = {
  'my-senator': 'The writer’s own senator',
  'my-representative': 'The writer’s own representative',
  committee: 'The members of a committee',
  list: 'Legislators you name',
};

export const deliveryLabels: Record<DeliveryMode, string> = {
  each: 'Each letter as its own email',
  digest: 'One email per legislator per day, listing that day’s letters',
};

/** "1 letter", "3,214 letters". */
export function lettersCount(count: number): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? 'letter' : 'letters'}`;
}

/** "1 office", "12 offices". */
export function officesCount(count: number): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? 'office' : 'offices'}`;
}
