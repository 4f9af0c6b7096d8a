import { chatNotification } from '../../local/twitch-chat-events';
import { isChatBidJob, routeChatMessage, type ChatBidJob } from '../rules/chat-bid-job';

const broadcaster = { userId: '5551', login: 'keebstream', displayName: 'KeebStream' };
const chatter = { userId: '42', login: 'ana', displayName: 'Ana' };
const signedAt = '2026-11-27T20:00:00.123Z';

const job: ChatBidJob = {
  chatMessageId: 'abc-1',
  broadcasterId: '5551',
  broadcasterLogin: 'keebstream',
  chatterId: '42',
  chatterLogin: 'ana',
  chatterName: 'Ana',
  text: '!bid 25',
  sentAtMs: 1_700_000_000_000,
};

describe('which chat messages the Twitch ingress reads as bids', () => {
  it('ignores a message without text, whatever else it carries', () => {
    const event = chatNotification({ broadcaster, chatter, text: '!bid 25' });
    expect(routeChatMessage({ ...event, message: 'no object' }, signedAt)).toEqual({ kind: 'ignore', why: 'no text' });
    expect(routeChatMessage({ ...event, message: { text: 25 } }, signedAt)).toEqual({ kind: 'ignore', why: 'no text' });
  });

  it('says why it leaves a message shared from another channel’s chat', () => {
    const other = { broadcaster: { userId: '7777', login: 'other', displayName: 'Other' }, messageId: 'src-1' };
    expect(routeChatMessage(chatNotification({ broadcaster, chatter, text: '!bid 25', source: other }), signedAt)).toEqual({
      kind: 'ignore',
      why: 'shared from another channel',
    });
  });

  it('counts a bid whose shared-chat source is the channel itself', () => {
    const own = { broadcaster, messageId: 'src-1' };
    expect(routeChatMessage(chatNotification({ broadcaster, chatter, text: '!bid 25', source: own }), signedAt).kind).toBe('bid');
  });

  it('keeps no more of a bid’s text than Twitch’s 500 characters', () => {
    const routed = routeChatMessage(chatNotification({ broadcaster, chatter, text: `!bid 25 ${'x'.repeat(600)}` }), signedAt);
    expect(routed.kind === 'bid' ? routed.job.text : '').toBe(`!bid 25 ${'x'.repeat(492)}`);
  });
});

describe('which jobs the chat-bids topic accepts', () => {
  it('accepts a whole job', () => {
    expect(isChatBidJob(job)).toBe(true);
  });

  it('refuses what is not an object', () => {
    expect(isChatBidJob(null)).toBe(false);
    expect(isChatBidJob('abc-1')).toBe(false);
  });

  it.each<[string, Partial<Record<keyof ChatBidJob, unknown>>]>([
    ['a message id that is a number', { chatMessageId: 12345 }],
    ['a message id with a character before the allowed ones', { chatMessageId: '!abc' }],
    ['a message id with a character after the allowed ones', { chatMessageId: 'abc!' }],
    ['a message id of 65 characters', { chatMessageId: 'a'.repeat(65) }],
    ['a chatter name that is a list', { chatterName: ['Ana'] }],
    ['an empty chatter name', { chatterName: '' }],
    ['a chatter name of 51 characters', { chatterName: 'A'.repeat(51) }],
    ['a text that is not text', { text: ['!bid 25'] }],
    ['a time that is not a number', { sentAtMs: '1700000000000' }],
    ['a time that is not finite', { sentAtMs: Number.NaN }],
  ])('refuses a job with %s', (_what, change) => {
    expect(isChatBidJob({ ...job, ...change })).toBe(false);
  });

  it('accepts a message id of 64 characters and a chatter name of 50', () => {
    expect(isChatBidJob({ ...job, chatMessageId: 'a'.repeat(64), chatterName: 'A'.repeat(50) })).toBe(true);
  });
});
