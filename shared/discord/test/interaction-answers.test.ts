import { DiscordOutbox } from '../../local/discord/discord-outbox';
import { editAnswer, sendFollowupWhileValid } from '../use-cases/interaction-answers';
import { snowflakeAt } from '../../common';

const nowMs = Date.parse('2026-11-22T20:00:00Z');
const at = (ms: number) => ({ now: () => new Date(ms) });
const issuedMinutesAgo = (minutes: number) => ({ id: snowflakeAt(nowMs - minutes * 60_000, 7), token: `token-${minutes}` });

describe('answering through an interaction token', () => {
  it('edits the original response without its flags, which Discord does not let an edit set', async () => {
    const discord = new DiscordOutbox(undefined, { clock: at(nowMs) });

    const outcome = await editAnswer({ discord, clock: at(nowMs) }, issuedMinutesAgo(2), { content: 'Only you can see this.', flags: 64 });

    expect(outcome).toBe('answered');
    expect(discord.entries.map((e) => e.message)).toEqual([{ content: 'Only you can see this.' }]);
  });

  it('sends nothing through a token issued 15 minutes ago, so Discord counts no invalid request', async () => {
    const discord = new DiscordOutbox(undefined, { clock: at(nowMs) });
    const deps = { discord, clock: at(nowMs) };

    expect(await editAnswer(deps, issuedMinutesAgo(15), { content: 'late' })).toBe('expired');
    expect(await sendFollowupWhileValid(deps, issuedMinutesAgo(20), { content: 'later' })).toBe('expired');
    expect(await editAnswer(deps, issuedMinutesAgo(14.75), { content: 'at the edge' })).toBe('expired');

    expect(discord.entries).toEqual([]);
    expect(discord.refused).toEqual([]);
  });

  it('takes Discord’s 401 (50027) as an expired token when Discord’s clock runs ahead of ours', async () => {
    const discord = new DiscordOutbox(undefined, { clock: at(nowMs + 60_000) });

    const outcome = await editAnswer({ discord, clock: at(nowMs) }, issuedMinutesAgo(14.25), { content: 'just late' });

    expect(outcome).toBe('expired');
    expect(discord.refused.map((r) => r.code)).toEqual([50027]);
  });
});
