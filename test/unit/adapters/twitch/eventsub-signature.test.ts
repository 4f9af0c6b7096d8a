import { createHmac } from 'node:crypto';
import { eventSubSignature, verifyEventSubSignature } from '../../../../shared/adapters/twitch/eventsub-signature';

const secret = 's3cRe7';
const messageId = 'e76c6bd4-55c9-4987-8304-da1588d8988b';
const timestamp = '2019-11-16T10:11:12.634234626Z';
const body = Buffer.from('{"subscription":{"type":"stream.online"},"event":{"broadcaster_user_id":"1337"}}');

describe('Twitch EventSub signatures', () => {
  it('signs id, timestamp and body as Twitch does (a vector computed with openssl dgst -hmac)', () => {
    expect(eventSubSignature(secret, messageId, timestamp, body)).toBe('sha256=e0eefa7dab5c3c6824ba39b10339e8a620d80de2ea9f69e5e23077d71e03387f');
  });

  it('matches an HMAC-SHA256 of the concatenated bytes computed separately', () => {
    const expected = createHmac('sha256', secret)
      .update(Buffer.concat([Buffer.from(messageId + timestamp), body]))
      .digest('hex');
    expect(eventSubSignature(secret, messageId, timestamp, body)).toBe(`sha256=${expected}`);
  });

  it('accepts its own signature', () => {
    expect(verifyEventSubSignature(secret, messageId, timestamp, body, eventSubSignature(secret, messageId, timestamp, body))).toBe(true);
  });

  it('rejects a changed body, id or timestamp, another secret, and a missing or malformed header', () => {
    const good = eventSubSignature(secret, messageId, timestamp, body);
    expect(verifyEventSubSignature(secret, messageId, timestamp, Buffer.concat([body, Buffer.from(' ')]), good)).toBe(false);
    expect(verifyEventSubSignature(secret, `${messageId}x`, timestamp, body, good)).toBe(false);
    expect(verifyEventSubSignature(secret, messageId, '2019-11-16T10:11:13.634234626Z', body, good)).toBe(false);
    expect(verifyEventSubSignature(secret, messageId, timestamp, body, eventSubSignature('other', messageId, timestamp, body))).toBe(false);
    expect(verifyEventSubSignature(secret, messageId, timestamp, body, undefined)).toBe(false);
    expect(verifyEventSubSignature(secret, messageId, timestamp, body, 'sha256=abc')).toBe(false);
    expect(verifyEventSubSignature(secret, messageId, timestamp, body, good.toUpperCase())).toBe(false);
  });
});
