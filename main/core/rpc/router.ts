import {
  channels,
  errorCodes,
  type BridgeError,
  type ErrorCode,
  isChannel,
  type Channel,
  type ParsedRequestOf,
  type ResponseOf,
  type Result,
} from '../../../preload/contract';
import type { Logger } from '../log/logger';

/** The implementation of every channel; a host cannot start with one missing. */
export type Handlers = {
  [C in Channel]: (request: ParsedRequestOf<C>) => Promise<ResponseOf<C>> | ResponseOf<C>;
};

/**
 * The transport-independent half of every bridge: checks the channel and the payload against
 * the contract, runs the handler, and turns every outcome into a `Result` value.
 */
export interface Router {
  dispatch(channel: unknown, payload: unknown): Promise<Result<unknown>>;
}

/**
 * Creates the router both hosts share. `onError` sees every known error a handler raised, so
 * one place can react to a code whatever channel produced it (a revoked sign-in).
 */
export function createRouter(
  handlers: Handlers,
  log: Logger,
  onError?: (error: BridgeError) => void,
): Router {
  return {
    async dispatch(channel, payload) {
      if (!isChannel(channel)) {
        log.warn('rejected call to unknown channel', { channel: String(channel).slice(0, 64) });
        return { ok: false, error: { code: 'unknown_channel', message: 'Unknown channel' } };
      }
      const parsed = channels[channel].request.safeParse(payload ?? {});
      if (!parsed.success) {
        log.warn('rejected invalid payload', { channel, issues: parsed.error.issues.length });
        return {
          ok: false,
          error: { code: 'invalid_request', message: `Invalid request for ${channel}` },
        };
      }
      try {
        const handler = handlers[channel] as (request: unknown) => Promise<unknown> | unknown;
        const value = await handler(parsed.data);
        return { ok: true, value };
      } catch (error: unknown) {
        const known = knownError(error);
        if (known) {
          onError?.(known);
          return { ok: false, error: known };
        }
        log.error('handler failed', {
          channel,
          error: error instanceof Error ? error.message : String(error),
        });
        return { ok: false, error: { code: 'internal', message: 'Something went wrong' } };
      }
    },
  };
}

const codes = new Set<string>(errorCodes);

/**
 * An error whose code the UI knows (an AppError, or a service error with a shared code)
 * crosses as itself; a service code the UI has no text for becomes `request_refused`.
 */
function knownError(error: unknown): BridgeError | null {
  const candidate = error as { code?: unknown; message?: unknown; status?: unknown } | null;
  if (!candidate || typeof candidate.code !== 'string' || !(error instanceof Error)) return null;
  if (codes.has(candidate.code))
    return { code: candidate.code as ErrorCode, message: error.message };
  if (typeof candidate.status === 'number') {
    return {
      code: candidate.status >= 500 ? 'server_error' : 'request_refused',
      message: error.message,
    };
  }
  return null;
}
