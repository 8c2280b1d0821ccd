/** What the OSDI API offers the rest of the app (ADR 073): its routes, its key screen and its audit words. */
export { apiKeyAdminRoutes } from './admin/routes.tsx';
export { API_REQUEST_ACTIONS, apiAuditWords } from './audit-words.ts';
export { apiPermissions } from './permissions.ts';
export { openApiDocument } from './openapi.ts';
export { apiRoutes, isApiPath } from './routes.tsx';
export { createApiKey, revokeApiKey, type ApiCaller } from './keys.ts';
export { TOKEN_HEADER } from './http.ts';
