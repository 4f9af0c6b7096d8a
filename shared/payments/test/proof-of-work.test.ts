import { bestProofOf, clockTime, describeProof, offsetIntoVideo, proofLabel, twitchTimeParameter, vodProof, vodUrl } from '../rules/proof-of-work';

describe('a VOD link at the moment of a proof', () => {
  it.each([
    [0, '0s'],
    [42, '42s'],
    [300, '5m0s'],
    [3_723, '1h2m3s'],
    [36_000, '10h0m0s'],
  ])('writes %p seconds as Twitch’s t parameter %p', (seconds, t) => {
    expect(twitchTimeParameter(seconds)).toBe(t);
  });

  it('counts whole seconds from the video’s start to the proof, never below zero', () => {
    expect(offsetIntoVideo('2026-11-24T12:00:00Z', '2026-11-24T13:02:03.900Z')).toBe(3_723);
    expect(offsetIntoVideo('2026-11-24T12:00:00Z', '2026-11-24T11:59:00Z')).toBe(0);
    expect(offsetIntoVideo('not a date', '2026-11-24T11:59:00Z')).toBe(0);
  });

  it('links the video’s page at that moment', () => {
    expect(vodUrl('2290000001', 3_723)).toBe('https://www.twitch.tv/videos/2290000001?t=1h2m3s');
  });

  it('makes a VOD proof from the video and the proof’s time, ending any search', () => {
    expect(vodProof({ provedAt: '2026-11-24T13:02:03Z' }, { videoId: '77', createdAt: '2026-11-24T12:00:00Z' })).toEqual({
      kind: 'vod',
      url: 'https://www.twitch.tv/videos/77?t=1h2m3s',
      videoId: '77',
      vodOffsetSeconds: 3_723,
      vodSearch: null,
    });
  });

  it('reads the offset as a clock, hours first', () => {
    expect(clockTime(3_723)).toBe('01:02:03');
    expect(clockTime(59)).toBe('00:00:59');
  });
});

describe('the best proof an order has', () => {
  const provedAt = '2026-11-24T13:02:03Z';

  it('is nothing before the order was proved', () => {
    expect(bestProofOf({})).toBeUndefined();
    expect(bestProofOf({ proof: null, proofUrl: null })).toBeUndefined();
  });

  it('says a clip is a clip', () => {
    const view = bestProofOf({ proof: { kind: 'clip', url: 'https://clips.twitch.tv/Abc', clipId: 'Abc', provedAt } })!;
    expect(view).toEqual({ kind: 'clip', url: 'https://clips.twitch.tv/Abc', searching: false, provedAt });
    expect(describeProof(view)).toBe('a clip of the stream at the proof: https://clips.twitch.tv/Abc');
    expect(proofLabel(view)).toBe('Clip of the proof');
  });

  it('says where in the VOD the proof is', () => {
    const view = bestProofOf({ proof: { kind: 'vod', url: 'https://www.twitch.tv/videos/77?t=1h2m3s', vodOffsetSeconds: 3_723, provedAt } })!;
    expect(describeProof(view)).toBe('the stream’s recording (VOD) at 01:02:03: https://www.twitch.tv/videos/77?t=1h2m3s');
    expect(proofLabel(view)).toBe('VOD at 01:02:03');
  });

  it('says the channel is only the channel, and whether the VOD is still looked for', () => {
    const searching = bestProofOf({ proof: { kind: 'channel', url: 'https://twitch.tv/lav', vodSearch: { attempt: 2 }, provedAt } })!;
    expect(searching.searching).toBe(true);
    expect(describeProof(searching)).toContain('the channel for now');
    const final = bestProofOf({ proof: { kind: 'channel', url: 'https://twitch.tv/lav', vodSearch: null, provedAt } })!;
    expect(describeProof(final)).toBe('the channel, https://twitch.tv/lav (no clip or VOD could be made; the proof is the channel)');
    expect(proofLabel(final)).toBe('Channel only');
  });

  it('reads a proof stored before clips (no kind), or only a proofUrl, as the channel', () => {
    expect(bestProofOf({ proof: { url: 'https://twitch.tv/lav', provedAt } })).toMatchObject({ kind: 'channel', searching: false });
    expect(bestProofOf({ proofUrl: 'https://twitch.tv/lav' })).toEqual({ kind: 'channel', url: 'https://twitch.tv/lav', searching: false });
  });
});

describe('what kind of proof a view reports', () => {
  const provedAt = '2026-11-24T13:02:03Z';

  it('gives a clip no moment in a VOD, even when its proof kept one', () => {
    const view = bestProofOf({ proof: { kind: 'clip', url: 'https://clips.twitch.tv/Abc', vodOffsetSeconds: 3_723, provedAt } })!;
    expect(view).not.toHaveProperty('at');
  });

  it('reads a VOD proof without its offset as the start of the video', () => {
    const view = bestProofOf({ proof: { kind: 'vod', url: 'https://www.twitch.tv/videos/77', provedAt } })!;
    expect(view).not.toHaveProperty('at');
    expect(proofLabel(view)).toBe('VOD at 0:00:00');
    expect(describeProof(view)).toBe('the stream’s recording (VOD) at 0:00:00: https://www.twitch.tv/videos/77');
  });

  it('says only the channel is still waiting for a VOD: a clip or a VOD found is not searching, whatever search the proof still holds', () => {
    const search = { attempt: 1 };
    expect(bestProofOf({ proof: { kind: 'clip', url: 'https://clips.twitch.tv/Abc', vodSearch: search, provedAt } })!.searching).toBe(false);
    expect(bestProofOf({ proof: { kind: 'vod', url: 'https://www.twitch.tv/videos/77', vodOffsetSeconds: 1, vodSearch: search, provedAt } })!.searching).toBe(
      false,
    );
    expect(bestProofOf({ proof: { url: 'https://twitch.tv/lav', vodSearch: search, provedAt } })!.searching).toBe(true);
  });

  it('labels a channel whose VOD is still looked for as pending', () => {
    const view = bestProofOf({ proof: { kind: 'channel', url: 'https://twitch.tv/lav', vodSearch: { attempt: 2 }, provedAt } })!;
    expect(proofLabel(view)).toBe('Channel (VOD pending)');
  });
});
