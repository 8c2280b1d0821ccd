import { roles } from '../staff/service.ts';

/**
 * Broadcasts reach the whole list, so only those who run campaigns compose
 * and send them. Viewers may watch progress; editors (content only) may not.
 */
export const broadcastPermissions = {
  view: (actor: { role: 'admin' | 'organizer' | 'editor' | 'viewer' }) =>
    roles.canRunCampaigns(actor) || actor.role === 'viewer',
  send: roles.canRunCampaigns,
};
