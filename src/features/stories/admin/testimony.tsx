import { Hono } from 'hono';
import type { AdminEnv } from '../../../platform/http/admin.tsx';
import { recordAudit } from '../../audit/service.ts';
import { storyPermissions } from '../permissions.ts';
import { testimonyPacket } from '../published.ts';
import type { StoryAdminDeps } from './deps.ts';
import { TestimonyPacketView } from './views/testimony.tsx';

/**
 * /admin/stories/testimony: the printable packet of the stories chosen for a hearing. Opening it reads stories, so
 * it needs stories access and a role that decides what leaves the organisation, and it is audited with how many
 * and which (by public id only).
 */
export function testimonyRoutes(deps: StoryAdminDeps): Hono<AdminEnv> {
  const { frame } = deps;
  const app = new Hono<AdminEnv>();
  app.get('/testimony', frame.requireSignedIn(), frame.allow(storyPermissions.moderate), async (c) => {
    const packet = await testimonyPacket(deps);
    await recordAudit(deps.db, frame.actor(c), {
      action: 'story.testimony-export',
      subjectType: 'stories',
      after: { count: packet.stories.length, stories: packet.stories.map((s) => s.publicId).join(', ') },
    });
    return frame.render(c, {
      title: 'Testimony packet',
      current: 'stories',
      body: <TestimonyPacketView stories={packet.stories} unredacted={packet.unredacted} />,
    });
  });
  return app;
}
