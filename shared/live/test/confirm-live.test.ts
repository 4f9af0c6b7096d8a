import { confirmLive } from '../use-cases/confirm-live';
import type { Builder, TwitchLink } from '../../onboarding';
import type { TwitchGateway, TwitchStream } from '../../ports';

const twitchLink: TwitchLink = { userId: '42', login: 'lavenderkeebs', displayName: 'LavenderKeebs', linkedAt: '2026-11-22T00:00:00Z' };
const builder = (extra: Partial<Builder> = {}): Builder & { twitch: TwitchLink } => ({ discordUserId: '1', displayName: 'Lav', twitch: twitchLink, ...extra });

function helix(answer: TwitchStream | undefined | Error): TwitchGateway & { asked: number } {
  const gateway = {
    asked: 0,
    userFromAuthorizationCode: () => Promise.reject(new Error('not used')),
    subscribeToStreamEvents: () => Promise.reject(new Error('not used')),
    subscribeToChatMessages: () => Promise.reject(new Error('not used')),
    subscribeToAuthorizationRevocations: () => Promise.reject(new Error('not used')),
    unsubscribe: () => Promise.reject(new Error('not used')),
    listSubscriptions: () => Promise.reject(new Error('not used')),
    createClip: () => Promise.reject(new Error('not used')),
    clipById: () => Promise.reject(new Error('not used')),
    archivesOf: () => Promise.reject(new Error('not used')),
    currentStream: async () => {
      gateway.asked++;
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
  return gateway;
}

const text = (check: Awaited<ReturnType<typeof confirmLive>>) => (check.ok ? 'live' : (check.refusal.content ?? ''));

describe('confirming a builder is live', () => {
  it('trusts EventSub’s live stream without asking Helix', async () => {
    const twitch = helix(undefined);
    const check = await confirmLive(twitch, builder({ stream: { status: 'live', type: 'live', streamId: 's1', startedAt: 't0', changedAt: 't0' } }));
    expect(check).toEqual({ ok: true, stream: { streamId: 's1', startedAt: 't0' } });
    expect(twitch.asked).toBe(0);
  });

  it('refuses a rerun EventSub reported, saying it is not a live broadcast', async () => {
    const check = await confirmLive(helix(undefined), builder({ stream: { status: 'live', type: 'rerun', changedAt: 't0' } }));
    expect(text(check)).toContain('playing a rerun');
  });

  it('refuses when EventSub said offline', async () => {
    expect(text(await confirmLive(helix(undefined), builder({ stream: { status: 'offline', changedAt: 't0' } })))).toContain(
      'not live on **twitch.tv/lavenderkeebs**',
    );
  });

  it('asks Helix when EventSub never said anything, and accepts a live stream', async () => {
    const twitch = helix({ streamId: 'h1', type: 'live', startedAt: 't1' });
    expect(await confirmLive(twitch, builder())).toEqual({ ok: true, stream: { streamId: 'h1', startedAt: 't1' } });
    expect(twitch.asked).toBe(1);
  });

  it('asks Helix when the subscription was revoked, whatever the last status said', async () => {
    const twitch = helix(undefined);
    const revoked = builder({
      stream: { status: 'live', type: 'live', changedAt: 't0' },
      eventSub: { subscriptionIds: [], subscribedAt: 't0', revokedAt: 't1' },
    });
    expect(text(await confirmLive(twitch, revoked))).toContain('not live');
    expect(twitch.asked).toBe(1);
  });

  it('refuses a premiere Helix reports', async () => {
    expect(text(await confirmLive(helix({ streamId: 'h1', type: 'premiere', startedAt: 't1' }), builder()))).toContain('playing a premiere');
  });

  it('answers “try again” instead of failing when Helix is down', async () => {
    expect(text(await confirmLive(helix(new Error('503')), builder()))).toContain('Twitch didn’t answer');
  });
});
