/**
 * @module builder-messages
 * What builders read while they set up: Stripe onboarding and the Twitch link.
 */
import type { DiscordMessage } from '../../ports';
import { EPHEMERAL, discordLimits, privateNote } from '../../discord';
import { linkButtonRow } from '../../common';

/**
 * Stripe's Account Link, made fresh for each run (it works once, for minutes, so it cannot
 * wait behind a redirect of ours). Stripe promises no length for it: one over Discord's 512
 * characters for a button goes into the text, where Discord takes 2,000, so the answer is
 * never refused whole.
 */
export function onboardingLink(url: string, resuming: boolean): DiscordMessage {
  const content = resuming
    ? 'Pick up your Stripe onboarding where you left off. The link works once and for a few minutes; run `/c500 onboard` again for a fresh one.'
    : 'Set up payouts with Stripe so buyers can pay you. Your buyers’ money is held until you prove the work live, then sent to this account. The link works once and for a few minutes.';
  if (url.length > discordLimits.buttonUrl) return { flags: EPHEMERAL, content: `${content}\n[Set up payouts with Stripe](<${url}>)` };
  return { flags: EPHEMERAL, content, components: [linkButtonRow('Set up payouts with Stripe', url)] };
}

export const onboardingRefusals = {
  countryNeeded: privateNote(
    'Which country do you get paid in? Stripe needs it to open your account, and it can’t change later. Run `/c500 onboard country:US` with your two-letter country code (GB, DE, CA…).',
  ),
  invalidCountry: (reason: string) => privateNote(reason),
  countryRefused: (name: string, code: string) =>
    privateNote(
      `Stripe can’t open an account for **${name}** (${code}) on C500, so nothing was set up. If you get paid in another country, run \`/c500 onboard country:<code>\` with it; otherwise ask an admin.`,
    ),
};

export const onboardingDone = privateNote('You’re all set with Stripe: buyers can pay you. Post a drop with `/c500 drop`.');

/** Asks for the Twitch link only of a builder who has not made it yet (some link Twitch first). */
export function canSellNowDm(twitchLinked: boolean): DiscordMessage {
  return {
    content: twitchLinked
      ? 'Stripe finished checking your details: you can sell on C500 now. Post a drop with `/c500 drop`; your Twitch is linked, so you can prove work live.'
      : 'Stripe finished checking your details: you can sell on C500 now. Post a drop with `/c500 drop`, and link your Twitch with `/c500 link-twitch` so you can prove work live.',
    allowed_mentions: { parse: [] },
  };
}

export function twitchAuthorizeMessage(url: string, linkedLogin: string | undefined): DiscordMessage {
  return {
    flags: EPHEMERAL,
    content: linkedLogin
      ? `You’re linked to **twitch.tv/${linkedLogin}**. To link another channel, authorize it on Twitch: only the channel you log in as can be linked. The link works for 10 minutes.`
      : 'Link the Twitch channel you build on. You log in on Twitch, so only a channel you control can prove your work. The link works for 10 minutes.',
    components: [linkButtonRow('Authorize on Twitch', url)],
  };
}
