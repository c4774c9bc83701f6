/**
 * Every error the service answers with: JSON `{"error": {"code", "message"}}`, with a code
 * that never changes meaning, so clients can map it to text in their own language.
 */
export const serviceErrorCodes = [
  'invalid_request',
  'malformed_json',
  'body_too_large',
  'unauthorized',
  'token_expired',
  'token_revoked',
  'invalid_credentials',
  'rate_limited',
  'email_taken',
  'underage',
  'not_found',
  'not_a_pdf',
  'encrypted_pdf',
  'document_too_large',
  'too_many_pages',
  'page_too_large',
  'document_too_complex',
  'invalid_number',
  'blocked_number',
  'own_number',
  'quota_exceeded',
  'idempotency_key_required',
  'idempotency_key_reused',
  'not_cancellable',
  'send_withdrawn',
  'version_required',
  'version_conflict',
  'plan_rule',
  'policy_version_mismatch',
  'request_not_ready',
  'admin_only',
  'consent_exists',
  'internal',
] as const;

/** A stable error code. */
export type ServiceErrorCode = (typeof serviceErrorCodes)[number];

/** An error a route throws on purpose; the error handler turns it into the JSON answer. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ServiceErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}
