import { createDocument } from 'zod-openapi';
import { TOKEN_HEADER } from './http.ts';
import { advocacyResource } from './advocacy.ts';
import { eventsResource } from './events.ts';
import { listsResource } from './lists.ts';
import { peopleResource } from './people.ts';
import { petitionsResource } from './petitions.ts';
import { tagsResource } from './tags.ts';
import { API_BASE, type ApiResource } from './resource.ts';

/** Every part of the API, in the order the entry point and the docs list them. */
export const apiResources: readonly ApiResource[] = [
  peopleResource,
  tagsResource,
  listsResource,
  petitionsResource,
  eventsResource,
  advocacyResource,
];

/** The OpenAPI document, made once from the zod schemas the routes validate with. */
export function openApiDocument(publicUrl: string, resources: readonly ApiResource[] = apiResources) {
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Groundswell OSDI API',
      version: '1',
      description:
        'The Open Supporter Data Interface (OSDI) in HAL+JSON. Send a key in the OSDI-API-Token header. Collections are paged; follow their next links.',
    },
    servers: [{ url: `${publicUrl}${API_BASE}` }],
    components: {
      securitySchemes: { osdiToken: { type: 'apiKey', in: 'header', name: TOKEN_HEADER } },
    },
    security: [{ osdiToken: [] }],
    paths: Object.assign({}, ...resources.map((r) => r.paths)),
  });
}
