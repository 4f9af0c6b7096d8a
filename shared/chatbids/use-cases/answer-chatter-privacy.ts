/**
 * @module answer-chatter-privacy
 * `/privacy/twitch`: a Twitch chatter's own data, behind a Twitch sign-in. GET shows what C500
 * keeps about their Twitch account (`twitch:<id>`, the identity their chat bids, giveaway
 * entries and orders carry) with a JSON download and an erase form; POST erases, when the
 * form's token is this chatter's and fresh. Export and erasure are the privacy module's, the
 * same as a Discord member's: the table of kept data decides what is shown and what goes.
 */
import type { Clock, DocumentStore } from '../../ports';
import { nothingNewWords, eraseMemberData, exportMemberData, memberDataSummary, type PrivacyDeps } from '../../privacy';
import { chatBidderId, isTwitchUserId, twitchBidderPath } from '../rules/chat-bidding';
import type { WebAnswer } from '../rules/chat-pages';
import { clearChatterCookie, readChatterCookie } from '../rules/chatter-cookie';
import { chatterPrivacyPages, eraseFormMinutes, readEraseForm, signEraseForm } from '../rules/chatter-privacy';
import type { ChatterWebApp } from '../rules/chat-app-config';
import { cookieOptions } from './sign-in-chatter';

export interface ChatterPrivacyDeps extends Pick<PrivacyDeps, 'eraseElsewhere' | 'keptElsewhere' | 'liveHeld'> {
  store: DocumentStore;
  clock: Clock;
  app: Pick<ChatterWebApp, 'stateKey' | 'publicBaseUrl'>;
}

export interface ChatterPrivacyRequest {
  method: 'GET' | 'POST';
  /** GET `?download=json`: the export as a file. */
  download: boolean;
  cookies: string | undefined;
  /** POST: the erase form's token. */
  token?: string;
}

/** A page, or the export as a JSON file. */
export type ChatterPrivacyAnswer = WebAnswer | { status: 200; json: string; filename: string };

export async function answerChatterPrivacy(deps: ChatterPrivacyDeps, request: ChatterPrivacyRequest): Promise<ChatterPrivacyAnswer> {
  const now = deps.clock.now();
  const session = readChatterCookie(request.cookies, 'privacy', deps.app.stateKey, now.getTime());
  // Signed out, or a cookie we did not make: nothing is read before the sign-in.
  if (!session.ok || !isTwitchUserId(session.cookie.id)) return chatterPrivacyPages.signIn(deps.app.publicBaseUrl);
  const twitchUserId = session.cookie.id;
  const identity = chatBidderId(twitchUserId);
  if (request.method === 'POST') return erase(deps, twitchUserId, request.token);
  if (request.download) {
    const exported = await exportMemberData(deps.store, identity, now);
    return {
      status: 200,
      json: JSON.stringify(exported ?? { memberId: identity, exportedAt: now.toISOString(), records: [] }, null, 2),
      filename: 'c500-twitch-data.json',
    };
  }
  const lines = [...((await memberDataSummary(deps.store, identity)) ?? []), ...((await deps.keptElsewhere?.(identity)) ?? [])];
  // Nothing kept: nothing to download or erase, said plainly rather than offered as an empty file.
  if (lines.length === 0) return chatterPrivacyPages.nothingKept();
  // The name they signed in under, from their chat identity's one record (not a second search of everything).
  const login = (await deps.store.get(twitchBidderPath(twitchUserId)))?.login;
  const token = signEraseForm(twitchUserId, now.getTime() + eraseFormMinutes * 60_000, deps.app.stateKey);
  return chatterPrivacyPages.summary(login ?? 'your Twitch account', lines, token);
}

async function erase(deps: ChatterPrivacyDeps, twitchUserId: string, token: string | undefined): Promise<WebAnswer> {
  const form = readEraseForm(token, twitchUserId, deps.app.stateKey, deps.clock.now().getTime());
  if (form === 'forged') return chatterPrivacyPages.formForged();
  if (form === 'expired') return chatterPrivacyPages.formExpired();
  const outcome = await eraseMemberData(deps, chatBidderId(twitchUserId));
  // Answered from the last erasure, nothing run: still signed in.
  if (outcome.kind === 'nothing-new') return chatterPrivacyPages.nothingNew(nothingNewWords(outcome.erasedAt));
  const signedOut = { cookies: [clearChatterCookie('privacy', cookieOptions(deps.app))] };
  if (outcome.kind === 'nothing-kept') return { ...chatterPrivacyPages.nothingKept(), ...signedOut };
  if (outcome.kind === 'already-erased') return { ...chatterPrivacyPages.alreadyErased(outcome.erasedAt), ...signedOut };
  return { ...chatterPrivacyPages.erased(outcome.changed, outcome.kept), ...signedOut };
}
