/**
 * Builds Discord interaction payloads the way Discord sends them.
 */
import { randomInt } from 'node:crypto';
import type { CommandOptionValue, Interaction } from '../../shared/discord/rules/interaction';
import { snowflakeAt } from '../../shared/common';

export const ADMIN = String((1n << 3n) | (1n << 10n));
export const MANAGE_GUILD = String(1n << 5n);
export const MEMBER = String((1n << 10n) | (1n << 11n));

let clockNow: () => number = Date.now;
let sequence = randomInt(0, 2 ** 20);

/** Ids made from now on carry this clock's time, as Discord's do: a test that moves its clock makes later bids. */
export function useInteractionClock(clock: { now(): Date }): void {
  clockNow = () => clock.now().getTime();
}

/** A Discord snowflake made now: milliseconds since Discord's epoch, then a counter. */
export const snowflake = (): string => snowflakeAt(clockNow(), ++sequence);

export interface CommandSpec {
  name: string;
  path?: string[];
  options?: Record<string, string | number | boolean>;
  userId?: string;
  permissions?: string;
  guildId?: string | null;
}

/** `/c500 setup general:1` -> command({ name: 'c500', path: ['setup'], options: { general: '1' } }). */
export function command(spec: CommandSpec): Interaction {
  const leaf: CommandOptionValue[] = Object.entries(spec.options ?? {}).map(([name, value]) => ({
    name,
    value,
    type: typeof value === 'string' ? 3 : typeof value === 'boolean' ? 5 : 10,
  }));
  let options = leaf;
  const path = spec.path ?? [];
  for (let i = path.length - 1; i >= 0; i--) {
    options = [{ name: path[i] as string, type: i === path.length - 1 ? 1 : 2, options }];
  }
  const user = { id: spec.userId ?? snowflake(), username: 'keebfan', global_name: 'Keeb Fan' };
  const guildId = spec.guildId === undefined ? '900000000000000001' : spec.guildId;
  return {
    id: snowflake(),
    type: 2,
    token: `token-${snowflake()}`,
    application_id: '1100000000000000001',
    channel_id: '910000000000000001',
    ...(guildId ? { guild_id: guildId, member: { user, permissions: spec.permissions ?? MEMBER } } : { user }),
    data: { name: spec.name, options },
  };
}

export function ping(): Interaction {
  return { id: snowflake(), type: 1, token: `token-${snowflake()}`, application_id: '1100000000000000001' };
}

const GUILD = '900000000000000001';

function member(userId: string, permissions = MEMBER) {
  return { user: { id: userId, username: `user${userId.slice(-4)}`, global_name: `User ${userId.slice(-4)}` }, permissions };
}

/**
 * A button press on a message, such as Buy Now (`buy:<drop id>`), in the channel the message is
 * in; with `messageId`, the message the button is on, as Discord sends it (its snowflake says
 * when the message was made).
 */
export function buttonPress(customId: string, userId: string, where: { channelId?: string; guildId?: string; messageId?: string } = {}): Interaction {
  const channelId = where.channelId ?? '910000000000000002';
  return {
    id: snowflake(),
    type: 3,
    token: `token-${snowflake()}`,
    application_id: '1100000000000000001',
    channel_id: channelId,
    guild_id: where.guildId ?? GUILD,
    member: member(userId),
    ...(where.messageId ? { message: { id: where.messageId, channel_id: channelId } } : {}),
    data: { custom_id: customId, component_type: 2 },
  };
}

/** A button pressed in a DM the bot sent (a shipping DM's Received): no guild, the user themselves, the DM's channel. */
export function dmButtonPress(customId: string, userId: string, messageId?: string): Interaction {
  const { guild_id: _guild, member: pressedBy, ...press } = buttonPress(customId, userId, messageId ? { messageId } : {});
  const channelId = '960000000000000001';
  return {
    ...press,
    channel_id: channelId,
    ...(pressedBy ? { user: pressedBy.user } : {}),
    ...(messageId ? { message: { id: messageId, channel_id: channelId } } : {}),
  };
}

/** A submitted modal with text inputs in action rows, as Discord sends it. */
export function modalSubmit(customId: string, values: Record<string, string>, userId: string): Interaction {
  return {
    id: snowflake(),
    type: 5,
    token: `token-${snowflake()}`,
    application_id: '1100000000000000001',
    channel_id: '910000000000000001',
    guild_id: GUILD,
    member: member(userId),
    data: { custom_id: customId, components: Object.entries(values).map(([id, value]) => ({ type: 1, components: [{ type: 4, custom_id: id, value }] })) },
  };
}

/** The interaction as sent by a member with this name: a username and no display name, or a display name. */
export function asMember(interaction: Interaction, name: string, kind: 'username' | 'display name' = 'display name'): Interaction {
  const member = interaction.member as { user: { id: string; username: string; global_name?: string | null } };
  member.user =
    kind === 'username' ? { id: member.user.id, username: name, global_name: null } : { id: member.user.id, username: 'wolfgang', global_name: name };
  return interaction;
}

/** The interaction as sent from another channel of the same server. */
export function inChannel(interaction: Interaction, channelId: string): Interaction {
  interaction.channel_id = channelId;
  return interaction;
}
