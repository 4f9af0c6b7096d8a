/**
 * @module kept-data-types
 * The words the table of kept data is written in: who may see a fact, where it goes, the law
 * that allows keeping it, and what an erasure request does to it.
 */

/** Who may see a fact besides C500's operators. */
export const audiences = [
  'the member',
  "the order's builder",
  "the order's buyer",
  "the show's host",
  "the server's admins",
  "the server's members",
  'anyone with the link',
  "the channel's viewers",
  "the group buy's builder",
] as const;
export type Audience = (typeof audiences)[number];

/** The outside services a fact is sent to (or comes from). */
export const recipients = ['Discord', 'Stripe', 'Twitch', 'EasyPost'] as const;
export type Recipient = (typeof recipients)[number];

/** Every outside service that receives something about a person: the recipients, and the processors C500 runs on. */
export const services = [...recipients, 'Google Cloud', 'Upstash'] as const;
export type Service = (typeof services)[number];

/**
 * The ground in law for keeping a fact (GDPR Art. 6(1)): `contract` (b), needed to do what
 * the person asked of C500; `legal obligation` (c), tax and accounting law; `consent` (a),
 * withdrawn as easily as given; `legitimate interests: <which>` (f), naming the interest.
 * A fact whose erasure is `kept-by-law` is kept afterwards under the legal obligation,
 * whatever its basis while it was in use: the page says both.
 */
export type LegalBasis = 'contract' | 'legal obligation' | 'consent' | `legitimate interests: ${string}`;

/**
 * What an erasure request does to a fact:
 * - `erased`: deleted or blanked at once;
 * - `name-removed`: the name is replaced by a placeholder; the record stays under the
 *   member's id alone, because money or another person's obligation depends on it; on an
 *   audit record whose id says who did something (the admin who set a server up), the id
 *   itself is replaced: the record keeps that an admin did it, and when, not who;
 * - `kept-while-open`: kept under the member's id alone while an order, dispute, queue place or
 *   wallet balance is open; the sweep erases it when that ends, without a second request;
 * - `kept-by-law`: a payment's record, kept for the period the tax law sets, then erased.
 */
export const erasureEffects = ['erased', 'name-removed', 'kept-while-open', 'kept-by-law'] as const;
export type ErasureEffect = (typeof erasureEffects)[number];

/** One or more fields of a stored document that name or describe a person. */
export interface KeptFact {
  /** Field paths as the store holds them: `a.b` for a map's field, `a[].b` inside a list, `a.*` for a map's keys. */
  readonly fields: readonly string[];
  /** In the product's words, as the privacy page says it. */
  readonly what: string;
  readonly purpose: string;
  readonly seenBy: readonly Audience[];
  readonly keptFor: string;
  readonly endedBy: string;
  readonly onErasure: ErasureEffect;
  /** When it differs from its document's basis. */
  readonly basis?: LegalBasis;
  /**
   * For a name: the field (in the same list element or map, or the document) holding the id
   * of the person it names. Erasure blanks the name wherever that id is the member's.
   */
  readonly nameOf?: string;
  /** For a fact about one of the document's people: the field holding that person's id (an export shows it to them alone). */
  readonly of?: string;
  /**
   * A credential (a session's sealed Discord token): the member's, yet no export shows it, since
   * a downloaded file is passed around and read where a credential must not be.
   */
  readonly secret?: true;
}

/** A stored document type and the facts about people it holds. */
export interface KeptDocument {
  /** The TypeScript type the store keeps (what `docPath<T>` names). */
  readonly type: string;
  /** Where it lives in the store. */
  readonly path: string;
  /** Who the document is about, in a few words. */
  readonly about: string;
  readonly sharedWith: readonly Recipient[];
  /** The basis of every fact of the document but those that name their own. */
  readonly basis: LegalBasis;
  /**
   * Where a member's id is found by an equality query (`a.b` in a map, `a[]` for a list that
   * contains it, `(id)` for the document's own id); absent: the document is reached through
   * another (a subcollection, a sweep).
   */
  readonly findBy?: readonly string[];
  /**
   * Where a Twitch chatter (`twitch:<user id>`, a person C500 may know by no Discord id) is
   * found when the store holds their Twitch user id bare: `(id)` for the document's own id, or a
   * field.
   */
  readonly findByTwitchId?: readonly string[];
  /**
   * The field holding the id of the one person whose record it is, when others are found on it
   * too (a channel's consent, which an admin may have changed): only that person's erasure takes
   * the whole document; another's takes their own facts. Absent: a document found by single
   * fields alone is the found member's.
   */
  readonly ownedBy?: string;
  /**
   * The field (`(id)`: the document's own id) holding the Twitch user id of an account linked to
   * the member this document was found for (`/c500 link-twitch`): that account is theirs too, so
   * their export and erasure reach what C500 keeps about it (`twitch:<id>`: chat bids, the chat
   * identity) as well.
   */
  readonly linksTwitch?: string;
  /**
   * A subcollection of this document through which a member's part in it is found when no
   * field of its own names every person in it (`history`: an auction whose runner-up the member
   * was; `entries`: a giveaway they entered): each of the member's documents found there
   * brings its parent along.
   */
  readonly findThrough?: string;
  /**
   * Where the document is found beside one of the member's that no field of its own names them
   * by (issue 79): `(parent)`, every document of this subcollection under a found parent (a
   * debt's lines, a race lobby's pot shares); or the documents a found one of `document`'s type
   * names by id (`ids`: a racer's ledger entry names its sale), by a field equal to its id
   * (`where`: an order's journal entries), or under the prefixes of ids it names (`under`: a
   * debt's journal entries, under the key its account stores).
   * The export and the erasure both use it: one list, both ways.
   */
  readonly foundFrom?: readonly FoundFrom[];
  /**
   * Why no search of the member's ids reaches it, for a document with no `findBy`,
   * `findByTwitchId`, `foundFrom` or child to find it through: said where the table is read,
   * and a test fails on a document with neither a way to be found nor a reason.
   */
  readonly notFoundBecause?: string;
  readonly facts: readonly KeptFact[];
  /**
   * Whether the obligation its `kept-while-open` facts are kept for is still open (an order not
   * yet delivered, refunded or closed; a dispute not yet decided). Absent: they are kept as long
   * as the record (a wallet with money, a queue place: their module ends the record itself).
   */
  readonly stillOpen?: (data: Readonly<Record<string, unknown>>) => boolean;
  /**
   * A list each of whose entries is one person's (an auction's bids, each with its bidder's id
   * in `by`): a member's export keeps their own entries only, since the others' hold what those
   * people alone may see (a bidder's max).
   */
  readonly entriesOf?: { readonly list: string; readonly by: string };
  /**
   * The field (a map) this type keeps in a document other modules share (`auctions` of a
   * server's document): a member's export shows this part alone, never the rest, which may
   * name others (the admin who set the server up).
   */
  readonly partOf?: string;
  /**
   * Nothing outlives the obligation on this record (a pledge: its charge is the order's, which
   * keeps the payment): once `stillOpen` says it ended, an erased member's record goes whole,
   * ids and path included, not only its facts.
   */
  readonly goesWithObligation?: true;
  /**
   * Its `kept-while-open` facts are kept for the member's other records, not for itself (a
   * builder's Stripe account, while an order they sell or a dispute on one is open, or they owe
   * C500): an erasure finding none of those open lets them go with the rest, and with
   * `goesWithObligation` the record whole (their Twitch link with it). `stillOpen` reads
   * `heldOpenByOthers`, which the erasure's search sets on the record's whole.
   */
  readonly heldForOthers?: true;
  /**
   * The record is split over the documents of its collection (a wallet's shards, each holding a
   * part of its balances): `stillOpen` and `openAs` are asked of their sum, never of one part.
   */
  readonly splitOverCollection?: true;
  /**
   * The record caches a balance the journal keeps (a wallet: the racer's `racer-payable` account
   * on the server; a debt: the person's `owed-to-c500` account there; named by these fields of
   * its whole): the account's fold decides whether it is open, never the cached figure. What reads
   * the record sets `accountOpenInJournal` on its whole from the journal before `stillOpen` is asked.
   */
  readonly accountInJournal?: {
    readonly guildField: string;
    readonly personField: string;
    /** Which of the person's accounts (a racer's payable when absent). */
    readonly account?: 'racer-payable' | 'owed-to-c500';
  };
  /**
   * The open obligation the record stands for, said plainly in the erasure's answer while it is
   * open (`a place in a builder's commission queue…`); absent or undefined: its `about`.
   */
  readonly openAs?: (data: Readonly<Record<string, unknown>>, memberId: string) => string | undefined;
}

/** How a document is found beside another of the member's (`foundFrom`). */
export type FoundFrom =
  | '(parent)'
  | {
      /** The type of the found document that names it. */
      readonly document: string;
      /** The ids of this document (in its own collection) that the found one names, from its data. */
      readonly ids: (data: Readonly<Record<string, unknown>>) => readonly string[];
    }
  | {
      /** The type of the found document whose entries sit under prefixes it names (a debt's journal entries, by `entryId`). */
      readonly document: string;
      /**
       * The field of this document and the prefixes of its value to ask for the found one (a
       * range each, which the field's single-field index serves), from its data and the keyed
       * pseudonym of an id in it; undefined: none.
       */
      readonly under: (
        data: Readonly<Record<string, unknown>>,
        pseudonymOf: (id: string) => string,
      ) => { readonly field: string; readonly prefixes: readonly string[] } | undefined;
    }
  | {
      /** The type of the found document whose id this document's `field` holds (an order's journal entries, by `orderId`). */
      readonly document: string;
      /** The equality to ask of this document's collection, for the found one (undefined: none); `person` is whose search this is. */
      readonly where: (data: Readonly<Record<string, unknown>>, person: string) => { field: string; value: string } | undefined;
      /** Of what that finds, the documents that are the person's (the others name the order, not them). */
      readonly keep: (data: Readonly<Record<string, unknown>>) => boolean;
    };

/** Set by the search on a `heldForOthers` record's whole: whether another record of the member holds it open (absent: it does). */
export const heldOpenByOthers = '(held open by another record)';

/** Set on an `accountInJournal` record's whole from the journal: whether the person's account there is not yet empty. */
export const accountOpenInJournal = '(account open in the journal)';

/** A `heldForOthers` record's `stillOpen`: open unless the search found nothing else of the member's open. */
export const whileOthersOpen = (data: Readonly<Record<string, unknown>>): boolean => data[heldOpenByOthers] !== false;

/** A store that is not a Firestore document and still holds something about a person (kept-data-stores.ts). */
export const keptStoreKinds = [
  'Redis',
  'Logs and traces',
  'Pub/Sub and Cloud Tasks payloads',
  'Stripe metadata',
  'Stripe customers and saved cards',
  'Messages sent to Discord',
  'Messages sent to Twitch chat',
  'Twitch EventSub subscriptions',
  'Exports and downloaded files',
] as const;
export type KeptStoreKind = (typeof keptStoreKinds)[number];

/** One row of the stores beside Firestore: a key pattern, field names or metadata keys, and what they hold. */
export interface KeptStore {
  readonly store: KeptStoreKind;
  /** How to find it: a Redis key pattern, log fields, metadata keys, a file's name. */
  readonly pattern: string;
  /**
   * What the tests hold to the code, both ways, where the store has names a test can read:
   * Redis key patterns (`*` for any part: `<prefix>` is the deployment's), Stripe metadata keys
   * that carry a person's id, log fields that carry a person's keyed hash.
   */
  readonly keys?: readonly string[];
  readonly what: string;
  readonly purpose: string;
  readonly basis: LegalBasis;
  /** Who may see it besides C500's operators, and the outside services that hold it. */
  readonly seenBy: readonly (Audience | Service)[];
  readonly keptFor: string;
  readonly onErasure: ErasureEffect;
  /** What an erasure does to it, said plainly: these stores are rarely erased the way a document is. */
  readonly onErasureSays: string;
}
