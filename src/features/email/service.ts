// The email feature's public surface.
export {
  enqueueEmail,
  enqueueEmails,
  queueEmailsWhere,
  outboxCounts,
  outboxCountsFor,
  outboxStatesByKey,
  type NewEmail,
  type OutboxRow,
} from './outbox.ts';
// For a statement of the feature that causes many messages at once (a broadcast starting, or cancelled).
export { enqueueEmailsFrom, hasUnsentMail, withdrawQueuedFor } from './outbox.ts';
export { HIDDEN_ADDRESS, MailboxTransport, SmtpTransport, type MailTransport } from './transport.ts';
export { EmailWorker, type RenderEmail } from './worker.ts';
export {
  composeEmail,
  escapeHtml,
  listUnsubscribeHeaders,
  localized,
  paragraphs,
  signupTemplates,
  templateRenderer,
  type ComposedEmail,
  type EmailContent,
  type EmailTemplate,
  type ListLinks,
  type RendererOptions,
  type Sender,
  type TemplateContext,
} from './templates.ts';
export { staffTemplates } from './templates/staff.ts';
export { standardConfirmationWords } from './templates/petition.ts';
export { isSuppressed, listSuppressions, suppress, suppressedAmong, type Suppression } from './suppressions.ts';
export type { EmailFeedback } from './feedback-reports.ts';
export type { EmailAttachment } from './mime.ts';
export {
  ERASED_ADDRESS,
  forgetAddress,
  forgetMessagesKeyed,
  isSuppressedAddress,
  messagesTo,
  suppressionOf,
  type MessageTo,
} from './addressee.ts';
// The way the workspace shows an email, for a feature that previews its own.
export { EmailParts, InboxLine } from './admin/views.tsx';
