/**
 * Text people type that could hurt a message: mentions that would ping the whole server, a
 * role or someone else, 4,000 characters, markdown, zero-width and right-to-left
 * characters. Soak buyers carry such names (as long as Discord allows a name) and builders
 * type such items (a string option takes 6,000 characters); whatever C500 repeats of them
 * must ping no one and stay within Discord's limits (the local outbox refuses what Discord
 * would). The mentioned role and user belong to no one in the soak: any ping of them came
 * from typed text.
 */
import type { SoakRandom } from './client';

/** A role no soak message has reason to ping: only typed text names it. */
export const hostileRoleId = '930000000000000999';
/** A user who is no soak person: only typed text names them. */
export const hostileUserId = '899999999999999999';

export const hostileTexts: readonly string[] = [
  '@everyone',
  '@here look',
  `<@&${hostileRoleId}> come bid`,
  `<@${hostileUserId}> <@!${hostileUserId}>`,
  '**bold** __under__ ~~gone~~ `code` ||spoiler|| [prize](https://evil.example) # big\n> quoted',
  'zero\u200bwidth\u200d\u2060@\u200beveryone',
  '\u202Eevil\u202C \u05E9\u05DC\u05D5\u05DD \u0645\u0631\u062D\u0628\u0627',
  // Longer than any of Discord's fields: a name or text repeated whole would be refused.
  `long${'n'.repeat(3_996)}`,
];

/**
 * Names as hostile as Discord lets them be: a username or display name is at most 32
 * characters on one line (the ingress refuses a longer one as no interaction of Discord's).
 */
export const hostileNames: readonly string[] = [
  '@everyone',
  '@here',
  `<@&${hostileRoleId}>`,
  `<@${hostileUserId}>`,
  '**b** __u__ ~~s~~ ||x|| `c`',
  'zero\u200bwidth\u200d@\u200beveryone',
  '\u202Eevil\u202C \u05E9\u05DC\u05D5\u05DD',
  `${'\u0645'.repeat(16)}${'\u200b'.repeat(16)}`,
];

/** One of the texts, by the soak's seed. */
export const hostileText = (random: SoakRandom): string => random.pick(hostileTexts);
