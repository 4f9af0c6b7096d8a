/**
 * Who a message pings, read by Discord's rules in the soak's own words, never through the
 * product's guard (`fitToDiscord`), so a guard that is gone or wrong is caught.
 */
import type { DiscordMessage } from '../../shared/ports';

/**
 * Who a message pings, by Discord's rules: without `allowed_mentions`, everything its
 * content mentions; with it, only what it lists (`parse` kinds, `users` and `roles` ids).
 * Only the content pings; embeds never do.
 */
export function pingsOf(message: DiscordMessage): { everyone: boolean; users: string[]; roles: string[] } {
  const content = message.content ?? '';
  const users = [...content.matchAll(/<@!?(\d+)>/g)].map((m) => m[1] as string);
  const roles = [...content.matchAll(/<@&(\d+)>/g)].map((m) => m[1] as string);
  const everyone = /@(everyone|here)/.test(content);
  const allowed = message.allowed_mentions as { parse?: string[]; users?: string[]; roles?: string[] } | undefined;
  if (!allowed) return { everyone, users, roles };
  const parse = allowed.parse ?? [];
  return {
    everyone: everyone && parse.includes('everyone'),
    users: users.filter((u) => parse.includes('users') || (allowed.users ?? []).includes(u)),
    roles: roles.filter((r) => parse.includes('roles') || (allowed.roles ?? []).includes(r)),
  };
}
