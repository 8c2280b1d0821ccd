/** What the webhooks offer the rest of the app (the composition root, the email runtime, receivers' tests). */
export { webhookAdminRoutes } from './admin/routes.tsx';
export { webhookAuditWords } from './audit-words.ts';
export { captureChanges, payloadOf } from './capture.ts';
export { webhookEvents, type WebhookChange, type WebhookEvent, type WebhookSource } from './events.ts';
export { webhookTemplates } from './emails.ts';
export { webhookPermissions } from './permissions.ts';
export { webhookSchedule } from './schedule.ts';
export { retryDelayMs, sendDueDeliveries, type SendDeps } from './sending.ts';
export { signatureHeader, verifySignature } from './signature.ts';
// The hourly privacy purge: delivered notices past their days.
export { DELIVERED_KEPT_DAYS, forgetOldDeliveries } from './deliveries.ts';
