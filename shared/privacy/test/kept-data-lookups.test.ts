/**
 * Every document type of the table is found for a member's export and erasure, or says in the
 * table why not (`notFoundBecause`; export-every-record walks both ways); and no fact that
 * erasure would erase or rename sits on a document erasure cannot find.
 */
import { keptDocuments } from '../rules/kept-data';
import type { KeptDocument } from '../rules/kept-data-types';

/**
 * Of those no lookup reaches, the ones whose erasure effect is applied elsewhere: the router's
 * erasureReach, and the erasure's own record of asks, whose mark of what was done since the
 * erasure takes and empties (take-erasure-ask; erasure-asks.test holds it).
 */
const erasedElsewhere = new Set(['ShopConnections', 'ErasureAsks']);

const found = (document: KeptDocument) => document.findBy !== undefined || document.findByTwitchId !== undefined || document.foundFrom !== undefined;

describe('the table’s lookups', () => {
  it('say, for each document type no lookup reaches, why not', () => {
    expect(keptDocuments.filter((document) => !found(document) && !document.notFoundBecause).map((d) => d.type)).toEqual([]);
  });

  it('leave no fact that erasure erases or renames on a document erasure cannot find', () => {
    const unreached = keptDocuments.filter(
      (document) =>
        !found(document) &&
        !erasedElsewhere.has(document.type) &&
        document.facts.some((fact) => fact.onErasure === 'name-removed' || fact.onErasure === 'erased'),
    );
    expect(unreached.map((document) => document.type)).toEqual([]);
  });
});
