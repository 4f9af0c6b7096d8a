/**
 * "Set up this server" says it is done when the store says so (the builder can sell once Stripe's
 * account.updated webhook has been handled), as the page reads it after a reload; on a busy machine
 * the webhook lands after the onboarding page answered, and a reload read "Set up this server" again.
 */
import { setUpServer, type SetupContext } from '../../shared/local/playground/client/setup';
import type { World } from '../../shared/local/playground/client/api';
import type { PlayInteraction } from '../../shared/local/playground/play-feed';

const world = {
  guild: { id: 'g1', name: 'Keeb Club' },
  channels: [
    { id: 'c1', name: 'general' },
    { id: 'c2', name: 'marketplace' },
  ],
  roles: [{ id: 'r1', name: 'drops' }],
  people: [
    { id: 'u1', name: 'ada_admin', role: 'admin' },
    { id: 'u2', name: 'cleo_builds', role: 'builder', twitchLogin: 'cleo_builds' },
  ],
  commands: [],
  applicationId: 'app',
  now: '2026-11-30T00:00:00.000Z',
  signs: true,
  setUp: false,
} as unknown as World;

/** Every command answered at once with no link to follow; the store says set up after `falses` asks. */
function setting(falses: number) {
  const said: string[] = [];
  let asked = 0;
  const context: SetupContext = {
    world,
    command: async () => ({ token: 't', answer: { status: 200, type: 4, data: { content: 'Done.' } } }) as unknown as PlayInteraction,
    answered: async () => ({ content: 'Done.' }),
    dismiss: () => undefined,
    say: (text) => said.push(text),
    isSetUp: async () => asked++ >= falses,
  };
  return { context, said, asked: () => asked };
}

describe('setting up the playground’s server in one click', () => {
  afterEach(() => jest.useRealTimers());

  it('says it is set up only once the store says the builder can sell, asking until it does', async () => {
    jest.useFakeTimers();
    const { context, said, asked } = setting(2);
    const done = setUpServer(context);
    await jest.advanceTimersByTimeAsync(1_000);
    await expect(done).resolves.toMatch(/^Set up: cleo_builds can sell/);
    expect(asked()).toBe(3);
    expect(said.at(-1)).toBe('Waiting for Stripe to tell C500 that cleo_builds can sell…');
  });

  it('tells the person to press again when Stripe has still not said so after two minutes', async () => {
    jest.useFakeTimers();
    const { context } = setting(Number.POSITIVE_INFINITY);
    const done = setUpServer(context);
    const failed = expect(done).rejects.toThrow('Stripe has not told C500 yet that cleo_builds can sell. Press Set up this server again in a moment.');
    await jest.advanceTimersByTimeAsync(121_000);
    await failed;
  });
});
