import { isAxiosError, isCancel } from 'axios';

/** A failed service call with a stable code for the UI and the HTTP status when there was one. */
export class ServiceError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}

const offlineCodes = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'ENETDOWN', 'EHOSTUNREACH']);

/** The service's `{error: {code, message}}` body, if that is what came back. */
function serviceBody(data: unknown): { code: string; message: string } | null {
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) {
    try {
      data = JSON.parse(new TextDecoder().decode(data as ArrayBuffer));
    } catch {
      return null;
    }
  }
  const error = (data as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return typeof error?.code === 'string'
    ? { code: error.code, message: typeof error.message === 'string' ? error.message : error.code }
    : null;
}

/** Turns whatever axios threw into a ServiceError with a stable code. */
export function toServiceError(error: unknown): ServiceError {
  if (error instanceof ServiceError) return error;
  if (isCancel(error)) return new ServiceError('cancelled', 'The request was cancelled');
  if (!isAxiosError(error)) return new ServiceError('server_error', String(error));
  const response = error.response;
  if (!response) {
    if (error.code === 'ERR_CANCELED')
      return new ServiceError('cancelled', 'The request was cancelled');
    const cause = (error.cause as NodeJS.ErrnoException | undefined)?.code ?? error.code ?? '';
    if (offlineCodes.has(cause)) return new ServiceError('offline', `No network (${cause})`);
    return new ServiceError(
      'service_unreachable',
      `The service did not answer (${cause || error.message})`,
    );
  }
  const body = serviceBody(response.data);
  if (body) return new ServiceError(body.code, body.message, response.status);
  if (response.status >= 500)
    return new ServiceError('server_error', `Service error ${response.status}`, response.status);
  return new ServiceError(
    'request_refused',
    `The service refused the request (${response.status})`,
    response.status,
  );
}
