/**
 * @module channel-option
 * The `channel` option of `/c500 chat-bidding off`, read at the ingress: kept apart from the
 * other messages so the Discord ingress loads no more of this module than it answers with.
 */
import { privateNote } from '../../discord';
import { isTwitchLogin } from './chat-bidding';

export const invalidChannelOption = privateNote(
  '`channel` is a Twitch login: 1 to 25 letters, digits or underscores, like `/c500 chat-bidding off channel:lavkeebs`.',
);

/** The login named, lower-cased; undefined when none is named; `invalid` when it cannot be one. */
export function channelOption(raw: string | number | boolean | undefined): string | undefined | 'invalid' {
  if (raw === undefined) return undefined;
  const login = String(raw).trim().toLowerCase();
  return isTwitchLogin(login) ? login : 'invalid';
}
