/**
 * @module shipping-messages
 * What `/c500 shipping` answers (only the builder sees it), and the note a builder with no
 * profile's buyers get: they pick up or arrange shipping with the builder.
 */
import type { DiscordMessage } from '../../ports';
import { formatMoney } from '../../common';
import { privateNote } from '../../discord';
import { destinationsText, scopesOf } from './countries';
import type { ShippingProfile } from './profile';

/** Said to a buyer whose checkout asks for the address. */
export const shippingAtCheckoutNote = 'Shipping is added at checkout, where you give your address.';

/** Said wherever a builder with no profile sells: no address is asked at checkout. */
export const noShippingNote = 'This builder has no shipping set up: no address is asked at checkout, so pick up or arrange shipping with them by DM.';

export function profileView(profile: ShippingProfile, changed: boolean): DiscordMessage {
  const money = (cents: number | undefined) => (cents === undefined ? '–' : cents === 0 ? 'free' : formatMoney({ cents, currency: profile.currency }));
  const scopes = scopesOf(profile.to, profile.homeCountry);
  const lines = [
    changed ? '**Shipping saved.** Buyers give their address at checkout and pay shipping on top:' : '**Your shipping:**',
    `• Ships to: ${destinationsText(profile.to)} (home: ${profile.homeCountry})`,
    ...(scopes.domestic ? [`• Domestic: ${money(profile.domesticCents)} first item, ${money(profile.domesticExtraCents)} each further item`] : []),
    ...(scopes.international
      ? [`• International: ${money(profile.internationalCents)} first item, ${money(profile.internationalExtraCents)} each further item`]
      : []),
    `• Free shipping: ${profile.freeOverCents === undefined ? 'never' : `from ${money(profile.freeOverCents)} in one checkout`}`,
    `• Handling time: ${profile.handlingDays} business day${profile.handlingDays === 1 ? '' : 's'}`,
    'Several items from you in one checkout pay the first-item rate once and the further-item rate for the rest.',
  ];
  return privateNote(lines.join('\n'));
}

export const shippingRefusals = {
  noProfile: privateNote(
    `You have no shipping set up here. ${noShippingNote.replace('This builder has', 'Until you do, your buyers see that you have').replace('with them', 'with you')}\nSet it with \`/c500 shipping to:US domestic:8 domestic-extra:3 international:25 international-extra:10 handling-days:3\` (\`to:\` is your country, a list like \`US,CA,GB\`, or \`worldwide\`).`,
  ),
  notOnboarded: privateNote('Set up Stripe first with `/c500 onboard country:<code>`: your account’s country is where domestic shipping goes.'),
  invalid: (reason: string) => privateNote(`${reason}\nSee your shipping with \`/c500 shipping\`.`),
};
