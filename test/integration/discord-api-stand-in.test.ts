/**
 * Discord's REST stand-in, driven by the production messenger (`@discordjs/rest`): what it
 * records is the outbox's, and when the fault plan makes it answer 429 or 5xx, the client
 * under test is the one that deploys: a short wait is slept through, a long one thrown for
 * the platform to redeliver, a 5xx retried.
 */
import express from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { DiscordOutbox } from '../../shared/local/discord/discord-outbox';
import { DiscordRestMessenger } from '../../shared/adapters/discord/discord-rest-messenger';
import { discordApiPath, mountDiscordApi, type DiscordFaults, type LocalApplication } from '../../shared/local/discord-api';
import { generateDiscordKeyPair, publicKeyHexOf } from '../../shared/local/discord-signing';
import { REST } from '@discordjs/rest';
import { rawBodyReader } from '../../shared/local/raw-body';
import type { FaultKind } from '../../shared/local/faults/fault-plan';
import { discordErrorCode } from '../../shared/errors';

/** Faults scripted call by call: the next answers `kinds` in turn, then none. */
function scripted(kinds: Array<FaultKind | undefined>, waitSeconds = 1): DiscordFaults & { asked: number } {
  const script = [...kinds];
  let next: FaultKind | undefined;
  return {
    asked: 0,
    roll(kind) {
      if (kind === 'discord.429-global') {
        this.asked++;
        next = script.shift();
      }
      return next === kind;
    },
    // One in five of the waits is long (see longWait): pick the long one when asked for it.
    between: (_kind, min, max) => (min === 0 && max === 4 ? (waitSeconds > 2 ? 4 : 0) : min === 3 ? waitSeconds : min),
  };
}

async function standIn(faults?: DiscordFaults, outbox = new DiscordOutbox(), application?: LocalApplication) {
  const app = express();
  app.use(rawBodyReader(1024 * 1024));
  mountDiscordApi(app, outbox, faults, application);
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const api = `http://127.0.0.1:${(server.address() as AddressInfo).port}${discordApiPath}`;
  const messenger = new DiscordRestMessenger({ applicationId: '1100000000000000001', botToken: 'local-bot', api });
  return { outbox, messenger, api, close: () => new Promise((r) => server.close(r)) };
}

describe('Discord’s REST stand-in, through the production messenger', () => {
  it('records DMs, channel posts, edits and interaction answers in the outbox as the in-process path does', async () => {
    const { outbox, messenger, close } = await standIn();
    await messenger.sendDm('800000000000000001', { content: 'Your receipt' });
    const { messageId } = await messenger.postToChannel('910000000000000001', { content: 'A drop!' });
    await messenger.editChannelMessage('910000000000000001', messageId, { content: 'Sold out' });
    await messenger.editOriginalResponse({ id: '1', token: 'token-abc' }, { content: 'You lead' });
    await messenger.sendFollowup({ id: '1', token: 'token-abc' }, { content: 'Also this' });
    expect(outbox.entries.map((e) => [e.kind, e.userId ?? e.channelId ?? e.interactionToken, e.message.content])).toEqual([
      ['dm', '800000000000000001', 'Your receipt'],
      ['channel', '910000000000000001', 'A drop!'],
      ['edit', '910000000000000001', 'Sold out'],
      ['edit', 'token-abc', 'You lead'],
      ['followup', 'token-abc', 'Also this'],
    ]);
    await close();
  });

  it('answers a DM with its DM channel and message, as Discord does, and an edit of them reaches that DM in the outbox', async () => {
    const { outbox, messenger, close } = await standIn();
    const sent = await messenger.sendDm('800000000000000004', { content: 'Pay now', components: [] });
    const again = await messenger.sendDm('800000000000000004', { content: 'A fresh link' });
    expect(sent.channelId).toBe(outbox.dmChannelOf('800000000000000004'));
    expect(again.channelId).toBe(sent.channelId);
    await messenger.editChannelMessage(sent.channelId, sent.messageId, { content: 'Paid', components: [] });
    const dm = outbox.entries.find((e) => e.kind === 'dm' && e.message.content === 'Pay now');
    expect(dm?.messageId).toBe(sent.messageId);
    expect(outbox.entries.at(-1)).toMatchObject({ kind: 'edit', userId: '800000000000000004', channelId: sent.channelId, messageId: sent.messageId });
    await close();
  });

  it('takes an interaction’s answer by the local clock once it has moved on, as it cannot tell the token’s age', async () => {
    // Half an hour later by the runtime's clock (POST /_local/clock): a token the stand-in dated by the wall clock would look expired.
    const moved = new DiscordOutbox(undefined, { clock: { now: () => new Date(Date.now() + 31 * 60_000) } });
    const { outbox, messenger, close } = await standIn(undefined, moved);
    await messenger.editOriginalResponse({ id: '1', token: 'token-late' }, { content: 'You lead' });
    await messenger.sendFollowup({ id: '1', token: 'token-late' }, { content: 'Also this' });
    expect(outbox.refused).toEqual([]);
    expect(outbox.entries.map((e) => e.message.content)).toEqual(['You lead', 'Also this']);
    await close();
  });

  it('answers a closed DM with Discord’s 50007, which the messenger throws with the code', async () => {
    const { outbox, messenger, close } = await standIn();
    outbox.closeDms('800000000000000002');
    const refused = await messenger.sendDm('800000000000000002', { content: 'x' }).catch((error: unknown) => error);
    expect(discordErrorCode(refused)).toBe(50007);
    await close();
  });

  it('answers a DM or a channel message with the EPHEMERAL flag, or a link button’s url over 512 characters, with Discord’s 50035, which the messenger throws with the code', async () => {
    const { outbox, messenger, close } = await standIn();
    const codeOf = (sent: Promise<unknown>) => sent.then(() => 'sent').catch((error: unknown) => discordErrorCode(error));
    expect(await codeOf(messenger.sendDm('800000000000000003', { content: 'You’ve been outbid', flags: 64 }))).toBe(50035);
    expect(await codeOf(messenger.postToChannel('910000000000000001', { content: 'Lot 1', flags: 64 }))).toBe(50035);
    const link = (url: string) => ({ content: 'Pay', components: [{ type: 1, components: [{ type: 2, style: 5, label: 'Pay', url }] }] });
    expect(await codeOf(messenger.sendDm('800000000000000003', link(`https://c500.example/${'x'.repeat(600)}`)))).toBe(50035);
    expect(await codeOf(messenger.sendDm('800000000000000003', { content: 'You’ve been outbid' }))).toBe('sent');
    expect(outbox.refused.map((r) => r.code)).toEqual([50035, 50035, 50035]);
    await close();
  });

  it('sleeps through a route’s one-second 429 and delivers once', async () => {
    const faults = scripted(['discord.429']);
    const { outbox, messenger, close } = await standIn(faults);
    await messenger.editOriginalResponse({ id: '1', token: 'token-wait' }, { content: 'You lead' });
    expect(outbox.entries).toHaveLength(1);
    expect(faults.asked).toBe(2);
    await close();
  });

  it('throws a 429 longer than it would sleep through, so the platform redelivers instead of a billed instance waiting', async () => {
    const { outbox, messenger, close } = await standIn(scripted(['discord.429'], 4));
    // @discordjs/rest's RateLimitError, with the wait Discord asked for.
    await expect(messenger.sendDm('800000000000000003', { content: 'x' })).rejects.toMatchObject({ retryAfter: expect.any(Number), global: false });
    expect(outbox.entries).toHaveLength(0);
    await close();
  });

  it('retries a 5xx and delivers once', async () => {
    const { outbox, messenger, close } = await standIn(scripted(['discord.5xx', 'discord.5xx']));
    await messenger.postToChannel('910000000000000001', { content: 'once' });
    expect(outbox.entries).toHaveLength(1);
    await close();
  });
});

describe('Discord’s REST stand-in: Get Current Application', () => {
  it('reports as verify_key the public key of the pair the local Discord signs interactions with, through @discordjs/rest', async () => {
    const pair = generateDiscordKeyPair();
    const { api, close } = await standIn(undefined, undefined, { id: '1100000000000000001', verifyKey: publicKeyHexOf(pair.privateKeyHex) });
    const application = (await new REST({ api, version: '10' }).setToken('local-bot').get('/applications/@me')) as { id: string; verify_key: string };
    expect(application).toMatchObject({ id: '1100000000000000001', verify_key: pair.publicKeyHex });
    await close();
  });

  it('answers 401, as Discord answers a token it does not know, when it holds no signing key', async () => {
    const { api, close } = await standIn(undefined, undefined, { id: '1100000000000000001', verifyKey: undefined });
    await expect(new REST({ api, version: '10', retries: 0 }).setToken('local-bot').get('/applications/@me')).rejects.toMatchObject({ status: 401 });
    await close();
  });
});
