/**
 * @module kept-data-shipping
 * The table of kept data, shipping's part: a builder's shipping profile, where they ship to and
 * (for the labels C500 buys, issue 78) where they ship from.
 */
import type { KeptDocument } from './kept-data-types';
import { memberId } from './kept-data-words';

/** A shipping profile's facts are kept while the builder sells in the server. */
const whileSelling = {
  seenBy: ["the server's members"],
  keptFor: 'while the builder sells in the server: until they change it, erase their data, or C500 leaves the server',
  endedBy: 'the builder, or erasure',
  onErasure: 'erased',
} as const;

export const shippingDocuments: readonly KeptDocument[] = [
  {
    type: 'ShippingProfile',
    path: 'shippingProfiles/<guild>:<builder>',
    findBy: ['builderId'],
    about: 'where a builder ships from and to',
    sharedWith: ['Stripe', 'EasyPost'],
    basis: 'contract',
    facts: [
      memberId(['builderId'], 'to quote shipping', ["the server's members"], 'erased'),
      { ...whileSelling, fields: ['homeCountry', 'to[]'], what: "the builder's home country and the countries they ship to", purpose: 'to quote shipping' },
      {
        ...whileSelling,
        fields: ['shipFrom.street1', 'shipFrom.city', 'shipFrom.state', 'shipFrom.zip', 'shipFrom.country'],
        what: 'the address the builder ships from (`/c500 shipping from:`), the return address of the labels C500 buys',
        purpose: 'to buy shipping labels from the carrier',
        seenBy: ['the member'],
      },
    ],
  },
  {
    type: 'LabelWave',
    path: 'labelWaves/<interaction id>',
    findBy: ['builderId'],
    about: "a builder's shipping wave: one label bought for each order of their group buy or show",
    sharedWith: ['EasyPost'],
    basis: 'contract',
    facts: [
      memberId(['builderId', 'pressedBy'], 'to know whose wave it is, and that its purchases were started once', ['the member'], 'erased'),
      {
        fields: ['results.*.trackingCode', 'results.*.labelUrl', 'results.*.refused'],
        what: "each parcel's tracking number and its label's link (the label shows the buyer's shipping address), or why the carrier refused it",
        purpose: 'to tell each buyer their tracking and send the builder their labels',
        seenBy: ['the member'],
        keptFor: 'until the member erases their data',
        endedBy: 'the builder’s erasure (the orders keep the same tracking and label as payment records)',
        onErasure: 'erased',
      },
    ],
  },
];
