/**
 * `npm run register-commands`: bulk-overwrites the application's slash commands with
 * the definitions in shared/router/command-surface.ts, globally or, with DISCORD_GUILD_ID, in
 * one server (instant, for testing).
 */
import { REST } from '@discordjs/rest';
import { Routes } from 'discord-api-types/v10';
import { ConfigError, loadConfig, required } from '../shared/config';
import { commandDefinitions } from '../shared/router/command-surface';

export interface RegisterOptions {
  applicationId: string;
  botToken: string;
  guildId?: string | undefined;
  /** Base URL of the Discord API; tests point it at a local server. */
  api?: string | undefined;
}

export async function registerCommands(options: RegisterOptions): Promise<string[]> {
  const rest = new REST({ version: '10', ...(options.api ? { api: options.api } : {}) }).setToken(options.botToken);
  const route = options.guildId ? Routes.applicationGuildCommands(options.applicationId, options.guildId) : Routes.applicationCommands(options.applicationId);
  const saved = (await rest.put(route, { body: commandDefinitions })) as Array<{ name: string }>;
  return saved.map((c) => c.name);
}

if (require.main === module) {
  (async () => {
    const config = loadConfig({ ...process.env, C500_RUNTIME: 'local' });
    const guildId = process.env.DISCORD_GUILD_ID;
    const names = await registerCommands({
      applicationId: required(config, 'DISCORD_APPLICATION_ID'),
      botToken: required(config, 'DISCORD_BOT_TOKEN'),
      guildId,
      api: process.env.DISCORD_API_URL,
    });
    console.log(
      `Registered ${names.length} commands ${guildId ? `in guild ${guildId}` : 'globally (may take up to an hour to show everywhere)'}: ${names.map((n) => `/${n}`).join(', ')}`,
    );
  })().catch((error: unknown) => {
    console.error(error instanceof ConfigError ? `${error.message}. Set it to your Discord application's value (Developer Portal → your app).` : error);
    process.exit(1);
  });
}
