import {
  channels,
  isChannel,
  type Channel,
  type RequestOf,
  type ResponseOf,
  type Result,
} from '../../../preload/contract';
import type { Logger } from '../log/logger';
import { AppError } from './app-error';

/** The implementation of every channel; a host cannot start with one missing. */
export type Handlers = {
  [C in Channel]: (request: RequestOf<C>) => Promise<ResponseOf<C>> | ResponseOf<C>;
};

/**
 * The transport-independent half of every bridge: checks the channel and the payload against
 * the contract, runs the handler, and turns every outcome into a `Result` value.
 */
export interface Router {
  dispatch(channel: unknown, payload: unknown): Promise<Result<unknown>>;
}

/** Creates the router both hosts share. */
export function createRouter(handlers: Handlers, log: Logger): Router {
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
        if (error instanceof AppError)
          return { ok: false, error: { code: error.code, message: error.message } };
        log.error('handler failed', {
          channel,
          error: error instanceof Error ? error.message : String(error),
        });
        return { ok: false, error: { code: 'internal', message: 'Something went wrong' } };
      }
    },
  };
}
