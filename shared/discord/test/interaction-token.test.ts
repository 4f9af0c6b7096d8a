import { interactionTokenUsable, replyFromHandle, replyHandle } from '../rules/interaction-token';
import { snowflakeAt } from '../../common';

const issuedMs = Date.parse('2026-11-22T20:00:00Z');
const reply = { id: snowflakeAt(issuedMs, 3), token: 'aW50ZXJhY3Rpb24' };

describe('an interaction token’s lifetime', () => {
  it('stops using a token 30 seconds before its 15 minutes are up', () => {
    const lastSafeMs = issuedMs + 15 * 60_000 - 30_000;
    expect(interactionTokenUsable(reply, lastSafeMs - 1)).toBe(true);
    expect(interactionTokenUsable(reply, lastSafeMs)).toBe(false);
  });

  it('never uses a token whose interaction id is no snowflake, whose age is unknown', () => {
    expect(interactionTokenUsable({ id: 'not-an-id' }, issuedMs)).toBe(false);
  });

  it('reads back the reply a handle names, and nothing from a bare token or a handle without an id', () => {
    expect(replyFromHandle(replyHandle(reply))).toEqual(reply);
    expect(replyFromHandle('aW50ZXJhY3Rpb24')).toBeUndefined();
    expect(replyFromHandle(':aW50ZXJhY3Rpb24')).toBeUndefined();
  });
});
