// The email feature's public surface.
export { enqueueEmail, outboxCounts, outboxCountsFor, type NewEmail, type OutboxRow } from './outbox.ts';
export { MailboxTransport, SmtpTransport, type MailTransport } from './transport.ts';
export { EmailWorker, type RenderEmail } from './worker.ts';
export { templateRenderer, type Sender } from './templates.ts';
