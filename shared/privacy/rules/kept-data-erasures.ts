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
    notFoundBecause: 'it counts the erasures a person asked for, under a pseudonym, for ten minutes: each erasure reads it before searching anything',
    about: 'the erasures a person asked for in the last ten minutes',
    sharedWith: [],
    basis: 'legitimate interests: every erasure searches every store, so a flood of asks from one person runs a few searches, not one each',
    facts: [
      {
        fields: ['(id)', 'asks[].at', 'asks[].interactionId'],
        what: "a keyed pseudonym of the person's Discord id or Twitch account (never the id), when each erasure was asked for, and the Discord button press that asked",
        purpose: 'to run at most three erasures for a person in ten minutes, tell the next ask when it may come, and let a press that failed midway finish',
        seenBy: [],
        keptFor: erasureAsksKept,
        endedBy: 'its expiry (Firestore TTL)',
        onErasure: 'kept-while-open',
      },
    ],
  },
];
