/**
 * @module setup
 * "Set up this server" in one click, through the product's own path: the admin runs
 * `/c500 setup`, the builder runs `/c500 link-twitch` and authorizes on the local Twitch, then
 * `/c500 onboard` and finishes the local Stripe's onboarding, dismissing each used link. Each step shows in the
 * playground as it would in Discord; after it a newcomer is one command from a drop.
 */
import type { DiscordMessage } from '../../../ports';
import type { PlayInteraction } from '../play-feed';
import { getWorld, type World } from './api';

export interface SetupContext {
  world: World;
  /** Sends a command as someone, in a channel, and answers the interaction. */
  command(as: string, channelId: string, line: string): Promise<PlayInteraction>;
  answered(token: string): Promise<DiscordMessage>;
  /** Dismisses an ephemeral answer, as its reader does in Discord once its link is used. */
  dismiss(token: string): void;
  say(text: string): void;
  /** Whether the store says the server is set up now: the builder can sell once Stripe's webhook has landed. The world's `setUp` when not given. */
  isSetUp?: () => Promise<boolean>;
}

/** Answers what the newcomer can do next: the steps' words (`say`) end with the setup, so the page takes them away. */
export async function setUpServer(context: SetupContext): Promise<string> {
  const { world, say } = context;
  const admin = world.people.find((p) => p.role === 'admin');
  const builder = world.people.find((p) => p.role === 'builder');
  const channel = (name: string) => world.channels.find((c) => c.name === name)?.id as string;
  if (!admin || !builder?.twitchLogin) throw new Error('the playground has no admin or builder');
  const step = async (as: string, line: string, what: string): Promise<{ token: string; answer: DiscordMessage }> => {
    say(what);
    const sent = await context.command(as, channel('general'), line);
    if (sent.answer.status !== 200) throw new Error(`${line} was answered ${sent.answer.status}`);
    const answer =
      sent.answer.type === 5 ? await within(context.answered(sent.token), `${line} was not answered in 20 s`) : (sent.answer.data as DiscordMessage);
    return { token: sent.token, answer };
  };

  await step(
    admin.id,
    `/c500 setup general:${channel('general')} marketplace:${channel('marketplace')} drop-role:${world.roles[0]?.id ?? ''}`,
    `${admin.name} runs /c500 setup…`,
  );
  // Twitch first: when Stripe then says the builder can sell, nothing is left to ask of them.
  const linking = await step(builder.id, '/c500 link-twitch', `${builder.name} runs /c500 link-twitch…`);
  // The button is our own short link, which sends the browser on to (the local) Twitch's authorize page.
  const start = linkIn(linking.answer, '/oauth/twitch/callback');
  if (start) {
    say(`${builder.name} authorizes C500 on the (local) Twitch as ${builder.twitchLogin}…`);
    const authorizePage = await fetch(start);
    if (!authorizePage.ok) throw new Error(`the link-twitch link answered ${authorizePage.status}`);
    const url = new URL(authorizePage.url);
    url.searchParams.set('login', builder.twitchLogin);
    await opened(url.toString(), 'POST', 'the local Twitch’s authorize page');
    context.dismiss(linking.token);
  }
  const onboarding = await step(builder.id, '/c500 onboard country:US', `${builder.name} runs /c500 onboard…`);
  const onboard = linkIn(onboarding.answer, '/_local/stripe/onboarding/');
  // Onboarded in an earlier session: Stripe's link is asked for only once.
  if (onboard) {
    say(`${builder.name} finishes the (local) Stripe onboarding…`);
    await opened(onboard, 'GET', 'the local Stripe’s onboarding');
    context.dismiss(onboarding.token);
  }
  // Stripe says the account can sell in a webhook (account.updated), handled after the onboarding page answered:
  // the page says "set up" when the store does, as it reads it after a reload, not before.
  say(`Waiting for Stripe to tell C500 that ${builder.name} can sell…`);
  await untilSetUp(context, `Stripe has not told C500 yet that ${builder.name} can sell. Press Set up this server again in a moment.`);
  return `Set up: ${builder.name} can sell. Be ${builder.name} and type /c500 drop in #marketplace.`;
}

/** Opens a page of the other party as a browser would; a refusal stops the setup, saying where. */
async function opened(url: string, method: 'GET' | 'POST', what: string): Promise<void> {
  const answer = await fetch(url, { method });
  if (!answer.ok)
    throw new Error(
      `${what} answered ${answer.status}: ${(await answer.text())
        .replace(/<[^>]+>/g, ' ')
        .trim()
        .slice(0, 200)}`,
    );
}

function linkIn(message: DiscordMessage, path: string): string | undefined {
  const text = JSON.stringify(message);
  return text.match(new RegExp(`https?://[^"\\s)]+${path.replace(/[/.]/g, '\\$&')}[^"\\s)]*`))?.[0]?.replace(/\\u0026/g, '&');
}

const storeSaysSetUp = async (): Promise<boolean> => (await getWorld()).setUp;

/** Asks the store every half second, for as long as a busy machine may take to handle Stripe's webhook. */
async function untilSetUp(context: SetupContext, problem: string): Promise<void> {
  for (const until = Date.now() + 120_000; Date.now() < until; await new Promise((resolve) => setTimeout(resolve, 500))) {
    if (await (context.isSetUp ?? storeSaysSetUp)()) return;
  }
  throw new Error(problem);
}

function within<T>(promise: Promise<T>, problem: string): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(problem)), 20_000))]);
}
