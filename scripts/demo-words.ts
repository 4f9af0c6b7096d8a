/**
 * What every walkthrough of `npm run demo` prints with and passes around: who a person is,
 * how a message is shown to them, and the terminal's bold and dim.
 */
import type { DiscordMessage } from '../shared/ports';

/** Sends a signed interaction to the runtime. */
export type Send = (body: unknown) => Promise<unknown>;
/** Prints a message as the named person sees it. */
export type Show = (who: string, message: DiscordMessage | undefined) => void;

export interface Person {
  id: string;
  name: string;
}

export const bold = (s: string) => `\x1b[1m${s}\x1b[0m`;
export const dim = (s: string) => `\x1b[2m${s}\x1b[0m`;
export const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
