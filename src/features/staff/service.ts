// The staff feature's public surface: accounts, sessions, sign-in, second factor.
export {
  createStaff,
  getStaff,
  listStaff,
  normalizeEmail,
  setPassword,
  signInInput,
  StaffInputError,
  staffEmail,
  findStaffByEmail,
  type NewStaffInput,
  type StaffListing,
  type StaffMember,
} from './accounts.ts';
export {
  choosePassword,
  type QueueStaffEmail,
  LINK_LIFETIME_MS,
  openPasswordLink,
  passwordLinkToken,
  type OpenedLink,
} from './password-links.ts';
export { requestPasswordReset } from './password-resets.ts';
export {
  editStaff,
  inviteAgain,
  inviteStaff,
  LAST_ADMIN,
  setAccountDisabled,
  staffDetailsInput,
  type AdminActor,
  type StaffDetails,
} from './staff-editing.ts';
export { MIN_PASSWORD_LENGTH, passwordProblem } from './passwords.ts';
export { staffRoles, type StaffRole } from './schema.ts';
export {
  completeSecondFactor,
  endAllSessions,
  endSession,
  findSession,
  listSessions,
  pruneSessions,
  SESSION_ABSOLUTE_MS,
  SESSION_IDLE_MS,
  type StaffSession,
} from './sessions.ts';
export {
  confirmWithCode,
  recheckPassword,
  secondStep,
  signIn,
  type SecondStepResult,
  type SignInResult,
} from './sign-in.ts';
export {
  disableTotp,
  enableTotp,
  newTotpSetup,
  remainingRecoveryCodes,
  totpMatches,
  verifySecondFactor,
  RECOVERY_CODE_COUNT,
} from './two-factor.ts';
export {
  MAX_FAILURES_PER_ACCOUNT,
  MAX_FAILURES_PER_DEVICE,
  MAX_FAILURES_PER_IP,
  MAX_SECOND_STEP_ATTEMPTS,
  THROTTLE_WINDOW_MS,
} from './throttle.ts';
export { roles, staffPermissions } from './permissions.ts';

/** The audit log's sentences for this feature's actions; the app hands them to the audit screens. */
export { staffAuditWords } from './audit-words.ts';
