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
];
