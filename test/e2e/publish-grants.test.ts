import { hostFunction } from '../../functions/catalog';
import type { Platform } from '../../shared/platform';
import { startTestRuntime } from '../support/local-runtime';

describe('publishing in the local runtime', () => {
  it('lets a function publish only to the topics the registry (and so terraform) grants it', async () => {
    const given = new Map<string, Platform>();
    // Every function in this process, so the test holds the platform each one is given.
    const runtime = await startTestRuntime({
      functionProcessEntry: undefined,
      hostFunction: (entry, platform) => {
        given.set(entry.name, platform);
        return hostFunction(entry, platform);
      },
    });
    try {
      await expect(given.get('stripeWebhook')?.publisher().publish('stripe-events', { job: 'x' })).resolves.toEqual(expect.any(String));
      await expect(given.get('stripeWebhook')?.publisher().publish('shop-events', { job: 'x' })).rejects.toThrow(
        /stripeWebhook may not publish to shop-events/,
      );
      await expect(given.get('discordCommands')?.publisher().publish('discord-commands', { job: 'x' })).rejects.toThrow(
        /discordCommands may not publish to discord-commands/,
      );
    } finally {
      await runtime.close();
    }
  });
});
