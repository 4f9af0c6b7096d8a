import { join } from 'node:path';
import { classifyField } from '../rules/classify-field';
import { keptDocuments } from '../rules/kept-data';
import { notPersonal, personalLooking } from '../rules/not-personal';
import { projectDocumentFiles, storedDocumentFields, type StoredFields } from './stored-document-fields';

function unclassified(stored: StoredFields): string[] {
  return [...stored].flatMap(([type, fields]) =>
    [...fields].filter((field) => classifyField(type, field).kind === 'unclassified').map((field) => `${type}.${field}`),
  );
}

describe('the table of kept data', () => {
  let stored: StoredFields;
  beforeAll(() => {
    const { files, options } = projectDocumentFiles();
    stored = storedDocumentFields(files, options);
  }, 180_000);

  it('finds the typed documents the store keeps', () => {
    expect(stored.get('Order')).toContain('buyerName');
    expect(stored.get('Order')).toContain('shippingAddress.line1');
    expect(stored.get('RaceLobby')).toContain('shares.*');
    expect(stored.size).toBeGreaterThan(30);
  });

  it('classifies every text field of every typed document as a fact about a person or as not personal', () => {
    expect(unclassified(stored)).toEqual([]);
  });

  it('names only document types and fields the store really has', () => {
    const stale = keptDocuments.flatMap((document) => {
      const fields = stored.get(document.type);
      if (!fields) return [document.type];
      return document.facts.flatMap((fact) =>
        fact.fields.filter((field) => field !== '(id)' && !fields.has(field)).map((field) => `${document.type}.${field}`),
      );
    });
    expect(stale).toEqual([]);
  });

  it('never declares a field that looks like a name, an id of a person, an address or a note as not personal', () => {
    expect(Object.keys(notPersonal).filter((name) => personalLooking.test(name))).toEqual([]);
  });

  it('fails on a world where a stored document gains a field that names a person and no row', () => {
    const { options } = projectDocumentFiles();
    const broken = storedDocumentFields([join(__dirname, 'fixtures', 'unclassified-document.ts')], options);
    expect(unclassified(broken)).toEqual(['FanMail.senderNickname']);
  });
});
