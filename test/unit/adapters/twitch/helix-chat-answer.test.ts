import { chatSendResultOf } from '../../../../shared/adapters/twitch/helix-chat-answer';
import { chatDropCodes, chatLength } from '../../../../shared/ports';

const now = Date.parse('2026-11-21T20:00:00Z');

describe('reading Helix’s answer to Send Chat Message', () => {
  it('takes a drop with no reason as a drop all the same', () => {
    expect(chatSendResultOf({ status: 200, body: { data: [{ message_id: '', is_sent: false }] } }, 'hi', now)).toEqual({
      sent: false,
      dropReason: { code: 'unknown', message: 'Twitch did not post the message.' },
    });
  });

  it('throws on a 200 without data, which is no answer Twitch documents', () => {
    expect(() => chatSendResultOf({ status: 200, body: { data: [] } }, 'hi', now)).toThrow(/data\[0\]\.is_sent/);
  });

  it('waits a second after a 429 that names no reset, and never a negative time for one already past', () => {
    expect(chatSendResultOf({ status: 429, body: undefined }, 'hi', now)).toMatchObject({ retryAfterMs: 1_000 });
    expect(chatSendResultOf({ status: 429, body: undefined, ratelimitReset: String(now / 1000 - 5) }, 'hi', now)).toMatchObject({ retryAfterMs: 0 });
  });

  it('counts characters as a person does: an emoji is one', () => {
    expect(chatLength('🔨'.repeat(500))).toBe(500);
    expect(chatSendResultOf({ status: 400, body: {} }, '🔨'.repeat(501), now)).toMatchObject({ dropReason: { code: chatDropCodes.tooLong } });
    expect(() => chatSendResultOf({ status: 400, body: {} }, '🔨'.repeat(500), now)).toThrow(/400/);
  });
});
