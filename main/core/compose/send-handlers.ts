import type { Handlers } from '../rpc/router';
import { AppError } from '../rpc/app-error';
import { sendChannels } from '../../../preload/send-contract';

type SendChannels = keyof typeof sendChannels;

/**
 * The drafts, outbox and contacts channels. Until the sending core is wired each answers
 * `internal` with a plain message, so the contract and the screens can be built first.
 */
export function sendHandlers(): Pick<Handlers, SendChannels> {
  const notYet = (): never => {
    throw new AppError('internal', 'Sending is not wired yet');
  };
  const entries = Object.keys(sendChannels).map((channel) => [channel, notYet]);
  return Object.fromEntries(entries) as Pick<Handlers, SendChannels>;
}
