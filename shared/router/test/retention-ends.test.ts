/**
 * Every period the table of kept data promises is kept by code: each distinct `keptFor` maps
 * to a part of the retention sweep that runs, another scheduled function, a TTL policy in
 * terraform (with its local stand-in), an obligation's end or the member's own act.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Platform } from '../../platform';
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { LocalClock } from '../../local/local-clock';
import { endsOf, keptDocuments, retentionEnds } from '../../privacy';
import { registryEntry } from '../../registry';
import { retentionSweepParts } from '../retention-wiring';

const promises = [...new Set(keptDocuments.flatMap((document) => document.facts.map((fact) => fact.keptFor)))];
const localParts = () => {
  const platform = { config: { runtime: 'local' }, store: () => new LocalDocumentStore(), clock: new LocalClock(), auctionBook: () => undefined };
  return Object.keys(retentionSweepParts(platform as unknown as Platform));
};

describe('the promises of the table of kept data', () => {
  it('each say what keeps them', () => {
    expect(promises.filter((keptFor) => endsOf(keptFor).length === 0)).toEqual([]);
  });

  it('name only parts of the retention sweep that run, scheduled functions that exist, and TTL policies terraform sets', () => {
    const parts = localParts();
    const terraform = readFileSync(join(__dirname, '../../../terraform/firestore.tf'), 'utf8');
    const problems = promises.flatMap((keptFor) =>
      endsOf(keptFor).flatMap((end) => {
        if (end.by === 'sweep' && !parts.includes(end.part)) return [`${keptFor}: no sweep part ${end.part}`];
        if (end.by === 'job' && registryEntry(end.name, 'scheduled').name !== end.name) return [`${keptFor}: no job ${end.name}`];
        if (end.by === 'ttl') {
          const [collection, field] = end.field.split('.');
          const policy = new RegExp(`collection = "${collection}"\\s+field\\s+= "${field}"\\s+ttl_config`);
          if (!policy.test(terraform)) return [`${keptFor}: no TTL policy on ${end.field}`];
          if (!parts.includes(end.locally)) return [`${keptFor}: no local sweep part ${end.locally}`];
        }
        return [];
      }),
    );
    expect(problems).toEqual([]);
  });

  it('are all still made: no line stands for a promise the table no longer makes', () => {
    expect(Object.keys(retentionEnds).filter((keptFor) => !promises.includes(keptFor))).toEqual([]);
  });

  it('fails on a promise nothing keeps', () => {
    expect(endsOf('until the moon is blue')).toEqual([]);
  });
});
