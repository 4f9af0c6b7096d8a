import { milestoneProved, noClipOrVod, onTheWorkbench, proofRecordingFound } from '../rules/workbench-messages';
import type { ProofView } from '../../payments';

const order = { orderId: 'ord_fake1', title: 'Lavender 65%', builderName: 'Lav' };
const stream = 'https://twitch.tv/lavenderkeebs';
const vod: ProofView = { kind: 'vod', url: 'https://twitch.tv/videos/1?t=1h2m3s', at: '01:02:03', searching: false };

describe('what the buyer is told about the workbench', () => {
  it('tells the buyer their order is being built live, pinging no one', () => {
    expect(onTheWorkbench(order, stream)).toEqual({
      allowed_mentions: { parse: [] },
      content: `Your order **Lavender 65%** (\`ord_fake1\`) is on the workbench right now! Watch Lav build it live: ${stream}`,
    });
  });

  it('adds the proof to watch later when there is one', () => {
    expect(onTheWorkbench(order, stream, vod).content).toBe(
      `Your order **Lavender 65%** (\`ord_fake1\`) is on the workbench right now! Watch Lav build it live: ${stream}\nProof of work, to watch any time: the stream’s recording (VOD) at 01:02:03: https://twitch.tv/videos/1?t=1h2m3s`,
    );
  });

  it('tells a queue’s buyer their commission is done, not begun, when its last proof lands', () => {
    const placed = { ...order, commission: { terms: { slots: 3, leadWeeks: 6, oneAtATime: false, tranches: [] }, ticket: 2 } };
    expect(onTheWorkbench(placed, stream, vod).content).toBe(
      `Your commission **Lavender 65%** (\`ord_fake1\`) is **done**: Lav finished it live on stream (${stream}), and it leaves the queue.\nProof of work, to watch any time: the stream’s recording (VOD) at 01:02:03: https://twitch.tv/videos/1?t=1h2m3s`,
    );
  });

  it('gives the buyer the recording of the proof once it is found', () => {
    expect(proofRecordingFound(order, vod)).toEqual({
      allowed_mentions: { parse: [] },
      content:
        'The proof of work on your order **Lavender 65%** (`ord_fake1`) can be watched any time: the stream’s recording (VOD) at 01:02:03: https://twitch.tv/videos/1?t=1h2m3s',
    });
  });

  it('tells the buyer the proof is only the channel, without advice meant for the builder', () => {
    expect(noClipOrVod(order, stream, 'buyer')).toEqual({
      allowed_mentions: { parse: [] },
      content: `No clip or VOD could be made of the proof of work on order **Lavender 65%** (\`ord_fake1\`); the proof is the channel: ${stream}.`,
    });
  });

  it('advises the builder to turn on clips and past broadcasts', () => {
    expect(noClipOrVod(order, stream, 'builder').content).toBe(
      `No clip or VOD could be made of the proof of work on order **Lavender 65%** (\`ord_fake1\`); the proof is the channel: ${stream}. Turn on clips and “Store past broadcasts” in your Twitch settings, so the next proof can be watched later.`,
    );
  });
});

describe('a milestone proved, to the buyer', () => {
  const clip: ProofView = { kind: 'clip', url: 'https://clips.twitch.tv/Abc', searching: false };
  const told = { orderId: 'k3v9m2qa', title: 'Brass TKL', builderName: 'Juno' };

  it('names the milestone in people’s words, links the clip and says where the line is, pinging nobody', () => {
    expect(milestoneProved(told, 'parts-in', clip)).toEqual({
      allowed_mentions: { parse: [] },
      content:
        'Your commission **Brass TKL** (`k3v9m2qa`) reached **parts-in**: Juno proved the parts are in live on stream. Watch it any time: a clip of the stream at the proof: https://clips.twitch.tv/Abc\nSee your place in the line with `/c500 queue line builder:@Juno`.',
    });
  });

  it.each([
    ['assembly', 'proved assembly live'],
    ['sound-test', 'proved the sound test live'],
    ['done', 'proved done live'],
  ] as const)('says %s as people say it', (milestone, words) => {
    expect(milestoneProved(told, milestone, clip).content).toContain(words);
  });
});
