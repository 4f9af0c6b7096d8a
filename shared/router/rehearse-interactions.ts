/**
 * @module rehearse-interactions
 * What a Discord ingress instance does before its first request: it answers made-up bids
 * (typed `/bid`, pressed bid buttons, a ping) through the same signature check, reading,
 * routing and answer as Discord's, so that a lot's first second meets compiled code and not
 * V8's interpreter and compilers (docs/capacity.md, "cold starts").
 *
 * Nothing of it is seen outside: the bids are signed with a key made here and checked by a
 * verifier of that key alone (the instance's own verifier still knows Discord's key only), and
 * they are published to a publisher that keeps nothing, with a memory of ids of their own.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { systemClock, type EventPublisher } from '../ports';
import { discordVerifier } from '../adapters/discord/verify-discord-request';
import { readInteraction } from '../discord';
import { jsonOf, RecentIds } from '../common';
import { answerInteraction } from './answer-interaction';

/** Enough rounds for V8 to compile the route's functions (a few hundred calls each), little enough to stay near 100 ms. */
export const rehearsalRounds = 300;

/** A publisher that keeps nothing: a rehearsal's bids go nowhere. */
const nowhere: EventPublisher = { publish: async () => 'rehearsal' };

export interface Rehearsal {
  rounds: number;
  /** Rounds whose made-up bid was not signed, read or deferred as Discord's would be: a sign the rehearsal no longer rehearses the real route. */
  offRoute: number;
}

/** Runs `rounds` made-up bids through the ingress's own steps, each as a request would, and says how many went as Discord's would. */
export async function rehearseInteractions(currency: string, rounds = rehearsalRounds): Promise<Rehearsal> {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  // The raw 32-byte key is the last part of its SPKI form, as Discord hands it out in hex.
  const isSigned = discordVerifier(publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex'), systemClock);
  const deps = { publisher: nowhere, recent: new RecentIds(), currency };
  let offRoute = 0;
  for (let round = 0; round < rounds; round++) {
    const body = Buffer.from(JSON.stringify(madeUpInteraction(round)));
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = sign(null, Buffer.concat([Buffer.from(timestamp), body]), privateKey).toString('hex');
    const read = isSigned(body, signature, timestamp) ? readInteraction(jsonOf(body)) : undefined;
    const answer = read?.ok ? JSON.stringify(await answerInteraction(read.interaction, deps)) : '';
    if (!/^\{"type":[15]\b/.test(answer)) offRoute++;
  }
  return { rounds, offRoute };
}

/** A bid as Discord sends it: typed with an amount (and a max one time in three), or a bid button pressed; a ping now and then. */
export function madeUpInteraction(round: number): Record<string, unknown> {
  const id = String(1_100_000_000_000_000_000n + BigInt(round));
  const base = {
    id,
    token: `rehearsal-${round}`,
    application_id: '1100000000000000001',
    guild_id: '1100000000000000002',
    channel_id: '1100000000000000003',
    member: { user: { id: String(1_200_000_000_000_000_000n + BigInt(round % 97)), username: 'rehearsal' }, permissions: '3072' },
  };
  if (round % 50 === 49) return { id, token: base.token, application_id: base.application_id, type: 1 };
  const cents = 2_500 + round * 5;
  if (round % 4 === 3) return { ...base, type: 3, data: { custom_id: `bid:rehearsal:${cents}`, component_type: 2 } };
  const options = [{ name: 'amount', type: 10, value: cents / 100 }, ...(round % 3 === 0 ? [{ name: 'max', type: 10, value: cents / 100 + 20 }] : [])];
  return { ...base, type: 2, data: { id: '1100000000000000004', name: 'bid', type: 1, options } };
}
