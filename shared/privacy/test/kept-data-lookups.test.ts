/**
 * Every document type of the table is found for a member's export and erasure (`findBy`, or
 * through the document it sits under), or says here why not and what ends it; and no fact
 * that erasure would erase or rename sits on a document erasure cannot find.
 */
import { keptDocuments } from '../rules/kept-data';
import type { KeptDocument } from '../rules/kept-data-types';

/**
 * The documents no query by a member's id reaches (their Discord id, or a Twitch account's:
 * `findByTwitchId`, for a chatter and for the account a member linked), each with why and what
 * ends it.
 */
const notFoundByMember: Readonly<Record<string, string>> = {
  ProofClip: "names a builder's Twitch channel, not the member: the order it proves carries the same link and is found by builderId",
  CheckoutHold: "holds the buyer's id only in its document id, while a checkout is open: its order is found by buyerId; paid or lapsed, it is deleted",
  PotShard: "ids as a map's keys, kept by law with the amounts: its lobby's racers are credited by ledger entries found by racerId; it ends with its lobby",
  SaleRecord:
    "racers' ids inside a list of credits, kept by law: each credit is a ledger entry found by racerId (naming the sale); it ends as a payment record",
  JournalEntry:
    "people's ids inside a list of postings, kept by law: the debts, ledgers and orders they fold are found; it loses them as a payment record ends",
  ShopConnections: "kept in the shop-secrets database, which the lookups do not read: the router's erasureReach renames the admin who connected a shop",
  OnceRecord: 'holds no id of a person, only an answer given: deleted by its TTL after 30 days',
  PrivacyErasure: 'the erasure itself, read by its id: it ends with the payment records it says were kept',
};

/** Of those, the ones whose erasure effect is applied elsewhere (the lookups never reach them). */
const erasedElsewhere = new Set(['ShopConnections']);

const foundByAnId = (document: KeptDocument) => document.findBy !== undefined || document.findByTwitchId !== undefined;

describe('the table’s lookups', () => {
  it('find every document type by a member’s id, or say why not', () => {
    expect(keptDocuments.filter((document) => !foundByAnId(document) && notFoundByMember[document.type] === undefined).map((d) => d.type)).toEqual([]);
  });

  it('keep no reason for a document type that is found', () => {
    expect(
      Object.keys(notFoundByMember).filter((type) =>
        ((document) => document !== undefined && foundByAnId(document))(keptDocuments.find((document) => document.type === type)),
      ),
    ).toEqual([]);
  });

  it('leave no fact that erasure erases or renames on a document erasure cannot find', () => {
    const unreached = keptDocuments.filter(
      (document) =>
        !foundByAnId(document) &&
        !erasedElsewhere.has(document.type) &&
        document.facts.some((fact) => fact.onErasure === 'name-removed' || fact.onErasure === 'erased'),
    );
    expect(unreached.map((document) => document.type)).toEqual([]);
  });
});
