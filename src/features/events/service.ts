// The events feature's public surface: other features, and the app, use only what is exported here.

// H1: reading events, the RSVP form's checks, RSVPs, calendar files
export { eventById, eventBySlug, listEvents, rsvpOpen, type EventDetails } from './events-read.ts';
export {
  rsvpChangeFor,
  rsvpInputFor,
  rsvpInputMessages,
  type RsvpChange,
  type RsvpInput,
  type RsvpNeeds,
} from './rsvp-inputs.ts';

// H2: the public pages' offers to the rest of the site: link targets, search, site map, sitemap paths, cache stamp
export { eventLinkTargets, publicEventsStamp } from './link-targets.ts';
export { searchEvents } from './search.ts';
export { eventsSiteMapSection, listPublicEventPaths } from './site-map.ts';
