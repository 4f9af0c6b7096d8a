/**
 * @module kept-data-erasures
 * The table of kept data, the part the erasure keeps for itself: the count of erasures a person
 * asked for (rules/erasure-asks), beside the record of the erasure (kept-data-accounts).
 */
import type { KeptDocument } from './kept-data-types';
import { erasureAsksKept } from './kept-data-words';

export const erasureDocuments: readonly KeptDocument[] = [
  {
    type: 'ErasureAsks',
    // Keyed by a pseudonym, as the erasure's record is: counting a person's asks must not keep their id.
    path: 'privacyAsks/<keyed pseudonym of a person>',
    notFoundBecause: 'it remembers the erasures a person asked for, under a pseudonym, for ten minutes: each erasure reads it before searching anything',
    about: 'the erasures a person asked for in the last ten minutes, and whether they did anything since',
    sharedWith: [],
    basis:
      'legitimate interests: every erasure searches every store, so a flood of asks with nothing new since runs one search, while anything done since is searched for',
    facts: [
      {
        fields: ['(id)', 'asks[].at', 'asks[].interactionId'],
        what: "a keyed pseudonym of the person's Discord id or Twitch account (never the id), when each erasure that searched was asked for, and the Discord button press that asked",
        purpose: 'to answer a repeat with nothing new from the last erasure instead of searching again, and let a press that failed midway finish',
        seenBy: [],
        keptFor: erasureAsksKept,
        endedBy: 'its expiry (Firestore TTL)',
        onErasure: 'kept-while-open',
      },
      {
        // The marker every path a person acts through sets (privacy's markActed), only on a record that exists: nobody else is written down.
        fields: ['actedAt', 'liveSeen[]'],
        what: 'when the person last did something through C500 since their last erasure (a command, a button, a form, a sign-in, a chat entry, a payment), and the live auctions whose book held a bid of theirs when that erasure began',
        purpose: 'so that an erasure asked again searches whenever the person did anything since the last one',
        seenBy: [],
        keptFor: erasureAsksKept,
        endedBy: 'the next erasure, which deletes the mark and empties the list once it has searched; its expiry (Firestore TTL)',
        onErasure: 'erased',
      },
    ],
  },
];
