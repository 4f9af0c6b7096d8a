import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { localDataController, type DataController } from '../../config';
import { keptDocuments } from '../rules/kept-data';
import { keptStores } from '../rules/kept-data-stores';
import { keptStoreKinds, type KeptDocument } from '../rules/kept-data-types';
import { memberName } from '../rules/kept-data-words';
import { privacyPageHtml, privacyPages, termsPageHtml } from '../rules/privacy-page';
import { keptRows } from '../rules/privacy-page-tables';
import { builtSitePage, escapeHtml } from '../../common';

const web = join(__dirname, '..', '..', '..', 'web');
const controller: DataController = {
  name: 'Keycap Works Ltd',
  contact: 'privacy@keycap.example',
  address: '1 Switch Lane, Dublin',
  euRepresentative: 'Keys EU Rep GmbH, Hauptstraße 1, Berlin, eu-rep@keycap.example',
  placeholder: false,
};
const page = privacyPageHtml(controller);

/** The `<tr>`s of one of the page's tables, by its id. */
function tableRows(html: string, id: string): string[] {
  const table = new RegExp(`<table id="${id}">([\\s\\S]*?)</table>`).exec(html)?.[1] ?? '';
  return [...table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => m[1] ?? '').slice(1);
}

describe('the privacy and terms pages', () => {
  it.each(Object.entries(privacyPages(localDataController)))('are committed as the table makes them (%s; run npm run docs:privacy)', (file, html) => {
    expect(readFileSync(join(web, file), 'utf8')).toBe(html);
  });

  it('say what each kept fact is, why, who sees it and how long, for every document in the table', () => {
    for (const document of keptDocuments) for (const fact of document.facts) expect(page).toContain(escapeHtml(fact.keptFor));
    for (const service of ['Stripe', 'Twitch', 'Discord', 'Google Cloud', 'Upstash']) expect(page).toContain(`<h3>${service}</h3>`);
  });

  it.each(['privacy.html', 'terms.html'] as const)('name the controller and link the contact (%s)', (file) => {
    const html = privacyPages(controller)[file];
    expect(html).toContain('Keycap Works Ltd');
    expect(html).toContain('<a href="mailto:privacy@keycap.example">privacy@keycap.example</a>');
    expect(html).not.toContain('placeholder');
  });

  it('give the controller’s address when there is one, and link a contact URL as it is', () => {
    expect(page).toContain('<strong>Keycap Works Ltd</strong>, 1 Switch Lane, Dublin.');
    const web = privacyPageHtml({ ...controller, contact: 'https://keycap.example/privacy', address: undefined });
    expect(web).toContain('<a href="https://keycap.example/privacy">https://keycap.example/privacy</a>');
    expect(web).toContain('<strong>Keycap Works Ltd</strong>.');
  });

  it('say plainly that the local runtime’s controller and contact are placeholders', () => {
    const local = privacyPageHtml(localDataController);
    expect(local).toContain('This copy of C500 runs locally.');
    expect(local).toContain('privacy@c500.invalid');
  });

  it('escape the controller’s name, which comes from the environment', () => {
    expect(termsPageHtml({ ...controller, name: '<b>Keys & Co</b>' })).toContain('&lt;b&gt;Keys &amp; Co&lt;/b&gt;');
  });

  it('say how to use every right: see, take, correct, erase, restrict, object, withdraw consent, complain, and when the answer comes', () => {
    for (const words of [
      '/c500 privacy',
      'Download my data',
      'Erase me',
      '!privacy',
      'Correct your data',
      'Restrict or object',
      '/c500 chat-bidding off',
      'Settings → Connections',
      'supervisory authority',
      'Within one month',
    ])
      expect(page).toContain(escapeHtml(words));
  });

  it('name the processors, the countries data goes to and the safeguard', () => {
    for (const words of [
      'Firestore',
      'Pub/Sub',
      'Cloud Tasks',
      'Cloud Logging',
      'Cloud Trace',
      'United States',
      'Data Privacy Framework',
      'Standard Contractual Clauses',
    ])
      expect(page).toContain(words);
  });
});

describe('the table of kept data on the page', () => {
  it('gives every document a legal basis, and every row one of the GDPR’s', () => {
    for (const document of keptDocuments)
      expect([document.type, document.basis]).toEqual([document.type, expect.stringMatching(/^(contract|legal obligation|consent|legitimate interests: .+)$/)]);
    for (const row of tableRows(page, 'kept'))
      expect(row).toMatch(/<td>(Contract|Legal obligation|Consent|Legitimate interests) \(GDPR Art\. 6\(1\)\([abcf]\)\)/);
  });

  it('says a payment record’s use and then the law that keeps it', () => {
    const [ids] = keptRows(keptDocuments.filter((d) => d.type === 'Order'));
    expect(ids?.basis).toBe(
      "Contract (GDPR Art. 6(1)(b)): needed to do what you asked of C500; once that is done, a legal obligation (Art. 6(1)(c)): tax law keeps a payment's record",
    );
  });

  it('shows no two rows alike: facts that read the same are one row naming every record they are on', () => {
    const rows = tableRows(page, 'kept').map((row) => row.replace(/<span class="where">[\s\S]*?<\/span>/, ''));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((row, i) => rows.indexOf(row) !== i)).toEqual([]);
  });

  it('merges two documents’ identical facts into one row listing both, and keeps a fact that differs apart', () => {
    const thing = (about: string, seenBy: KeptDocument['facts'][number]['seenBy']): KeptDocument => ({
      type: 'Thing',
      path: 'things/<id>',
      about,
      sharedWith: [],
      basis: 'contract',
      facts: [memberName(['name'], 'id', seenBy)],
    });
    const rows = keptRows([thing('a drop', ['the member']), thing('a show', ['the member']), thing('a lobby', ["the server's members"])]);
    expect(rows.map((r) => r.places)).toEqual([['a drop', 'a show'], ['a lobby']]);
  });

  it('takes a fact’s own basis over its document’s', () => {
    const fraud = 'legitimate interests: checking a payment Stripe warns may be fraud' as const;
    const [own, inherited] = keptRows([
      {
        type: 'Thing',
        path: 'things/<id>',
        about: 'an order',
        sharedWith: [],
        basis: 'contract',
        facts: [{ ...memberName(['clearedBy'], 'id', []), basis: fraud }, memberName(['name'], 'id', ['the member'])],
      },
    ]);
    expect(own?.basis).toBe('Legitimate interests (GDPR Art. 6(1)(f)): checking a payment Stripe warns may be fraud');
    expect(inherited?.basis).toBe('Contract (GDPR Art. 6(1)(b)): needed to do what you asked of C500');
  });

  it('loses no fact in merging: each is in a row naming its record', () => {
    const rows = keptRows();
    for (const document of keptDocuments)
      for (const fact of document.facts)
        expect([document.type, fact.what, rows.some((r) => r.what === fact.what && r.places.includes(document.about))]).toEqual([
          document.type,
          fact.what,
          true,
        ]);
  });
});

describe('the other stores on the page', () => {
  it('list every row of the stores beside Firestore, with what erasure does there', () => {
    const rows = tableRows(page, 'stores');
    expect(rows).toHaveLength(keptStores.length);
    for (const store of keptStores) {
      expect(page).toContain(escapeHtml(store.pattern));
      expect(page).toContain(escapeHtml(store.onErasureSays));
    }
  });

  it('cover every kind of store', () => {
    expect(keptStoreKinds.filter((kind) => !keptStores.some((s) => s.store === kind))).toEqual([]);
  });
});

describe('links to the pages', () => {
  it.each(['index.html', 'about.html'])('are on %s as served', (file) => {
    const html = builtSitePage(readFileSync(join(web, file), 'utf8'));
    expect(html).toContain('href="/privacy"');
    expect(html).toContain('href="/terms"');
  });
});

describe('the privacy page against GDPR Art. 13, point by point', () => {
  const section = (id: string): string => new RegExp(`<h2 id="${id}">([\\s\\S]*?)(?=<h2 |$)`).exec(page)?.[1] ?? '';

  it.each([
    ['13(1)(a) the controller and how to reach them', 'controller', ['Keycap Works Ltd', 'mailto:privacy@keycap.example']],
    [
      '13(1)(b) a data protection officer, or why none, and the EU representative',
      'dpo',
      ['data protection officer', 'Art. 37', 'representative', 'Art. 27', 'mailto:'],
    ],
    ['13(1)(c)(d) purposes, legal bases and the legitimate interests', 'what-is-kept', ['Why', 'Legal basis', 'Legitimate interests (GDPR Art. 6(1)(f)): ']],
    ['13(1)(e) recipients', 'services', ['Stripe', 'Google', 'Upstash']],
    [
      '13(1)(f) transfers outside the EEA and how to obtain the safeguards',
      'services',
      ['Standard Contractual Clauses', 'Data Privacy Framework', 'for a copy of the clauses', 'mailto:'],
    ],
    ['13(2)(a) how long', 'what-is-kept', ['How long']],
    ['13(2)(b)(c)(d) every right, withdrawing consent and complaining', 'rights', ['Erase', 'Withdraw your consent', 'supervisory authority']],
    [
      '13(2)(e) whether giving data is required, and what follows if not',
      'required',
      ['No law obliges you', 'Without them there is no order', 'cannot be paid', 'chat bids are not taken'],
    ],
    [
      '13(2)(f) the automatic decisions, their logic, and how to contest them',
      'automated',
      ['dispute', 'strike', '/c500 unblock', 'a person look at either again', 'contest', 'mailto:'],
    ],
    [
      'the cookie and the IP addresses in request logs',
      'cookies',
      ['__session', 'HttpOnly', 'no advertising or analytics cookies', 'IP address', 'deleted after 30 days'],
    ],
  ])('answers %s', (_point, id, phrases) => {
    const text = section(id);
    expect(text).not.toBe('');
    for (const phrase of phrases) expect(text).toContain(phrase);
  });

  it('lists the request logs and Stripe’s idempotency keys among the other stores, generated from the table', () => {
    const rows = tableRows(page, 'stores').join('\n');
    expect(rows).toContain('IP address');
    expect(rows).toContain('Idempotency-Key');
  });
});
