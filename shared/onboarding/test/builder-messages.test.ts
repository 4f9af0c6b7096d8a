import { discordLimitProblems } from '../../discord';
import { onboardingLink } from '../rules/builder-messages';

const buttons = (message: { components?: unknown[] }) =>
  ((message.components ?? []) as Array<{ components: Array<{ url?: string }> }>).flatMap((row) => row.components);

describe('the Stripe onboarding link', () => {
  it('is a link button while Stripe’s URL fits in one', () => {
    const url = 'https://connect.stripe.com/setup/e/acct_1Nv0FGQ9RKHgCVdK/AbCdEf123';
    const message = onboardingLink(url, false);
    expect(buttons(message)).toEqual([expect.objectContaining({ style: 5, url })]);
    expect(discordLimitProblems(message)).toEqual([]);
  });

  it('goes into the text instead of a button Discord would refuse when Stripe’s URL is over 512 characters', () => {
    const url = `https://connect.stripe.com/setup/e/acct_1Nv0FGQ9RKHgCVdK/${'x'.repeat(600)}`;
    for (const resuming of [false, true]) {
      const message = onboardingLink(url, resuming);
      expect(discordLimitProblems(message)).toEqual([]);
      expect(buttons(message)).toEqual([]);
      expect(message.content).toContain(`(<${url}>)`);
    }
  });
});
