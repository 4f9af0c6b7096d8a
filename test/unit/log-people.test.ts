/**
 * A log line carries a keyed hash of a person's id, login or name, never the value: at the
 * top level, nested, in a list, in any case of its key, and in a path a text names. The hash
 * links lines within one retention period and changes with the next, under a key of the
 * deployment (a random one of the process until it is set, never a constant).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { log, logRetentionDays, onTracedLine, personFieldsInLogs, personHashInLogs, personPathCollections, setLogIdKey } from '../../shared/log';
import { keptDocuments } from '../../shared/privacy';
import { continueTrace, runInTrace } from '../../shared/trace-context';
import { codeFiles } from '../support/module-graph';
import { logCallFields } from '../support/log-call-fields';
import { logLinesOf } from '../support/log-lines';

const buyer = '800000000000000031';
const builder = '800000000000000021';
const bidder = '800000000000000041';
const periodMs = logRetentionDays * 86_400_000;
/** An hour into a retention period. */
const inPeriod = Math.ceil(Date.parse('2026-11-01T00:00:00Z') / periodMs) * periodMs + 3_600_000;

const hashShape = /^p_[0-9a-f]{16}$/;

afterEach(() => {
  jest.useRealTimers();
  jest.restoreAllMocks();
});

describe('a person’s id in a log line', () => {
  it('is written as its hash at the top level, nested and in a list, and the id is nowhere in the line', async () => {
    const { text, lines } = await logLinesOf(() =>
      log.warn('a lot was not added', {
        builderId: builder,
        order: { buyerId: buyer, lots: [{ bidderId: bidder }] },
        bidderIds: [bidder, buyer],
      }),
    );
    for (const id of [buyer, builder, bidder]) expect(text).not.toContain(id);
    const [line] = lines;
    const now = Date.parse(String(line?.time));
    expect(line).toMatchObject({
      builderId: personHashInLogs(builder, now),
      order: { buyerId: personHashInLogs(buyer, now), lots: [{ bidderId: personHashInLogs(bidder, now) }] },
      bidderIds: [personHashInLogs(bidder, now), personHashInLogs(buyer, now)],
    });
    expect(line?.builderId).toMatch(hashShape);
  });

  it('is hashed whatever the case of its key, and a login or a name is hashed as an id is', async () => {
    const { text } = await logLinesOf(() => log.info('chatter', { BuilderID: builder, chatter: { Login: 'lavkeebs', displayName: 'Lav Keebs' } }));
    for (const value of [builder, 'lavkeebs', 'Lav Keebs']) expect(text).not.toContain(value);
  });

  it('shows the same hash in every line of one retention period, and another in the next', async () => {
    jest.useFakeTimers({ now: inPeriod });
    const first = await logLinesOf(() => log.info('one', { userId: buyer }));
    jest.setSystemTime(inPeriod + periodMs - 7_200_000);
    const later = await logLinesOf(() => log.info('two', { userId: buyer }));
    jest.setSystemTime(inPeriod + periodMs);
    const next = await logLinesOf(() => log.info('three', { userId: buyer }));
    const [a, b, c] = [first, later, next].map((logged) => logged.lines[0]?.userId);
    expect(a).toBe(b);
    expect(c).not.toBe(a);
    expect([a, c]).toEqual([personHashInLogs(buyer, inPeriod), personHashInLogs(buyer, new Date(inPeriod + periodMs))]);
  });

  it('is hashed in the line the trace journal hears too', async () => {
    const heard: Array<Record<string, unknown>> = [];
    const stop = onTracedLine((entry) => void heard.push({ ...entry }));
    await logLinesOf(() => runInTrace(continueTrace(undefined), 'dashboard', async () => log.info('dashboard sign-in', { userId: buyer })));
    stop();
    expect(JSON.stringify(heard)).not.toContain(buyer);
    expect(heard[0]?.userId).toMatch(hashShape);
  });

  it('is hashed where a text names it, in a path or quoted as JSON, and a channel’s or a guild’s id is left as it is', async () => {
    const error = new Error(`5 NOT_FOUND: No document to update: projects/p/databases/(default)/documents/builders/${builder}`);
    const { text, lines } = await logLinesOf(() =>
      log.error(`Discord answered 404 to /users/${buyer}/channels`, {
        error,
        path: `/queue/${builder}`,
        fine: `/guilds/900000000000000001/channels/910000000000000009/messages`,
        me: '/users/@me/channels',
        body: JSON.stringify({ auctionId: 'auct0001', bidderId: Number(bidder.slice(0, 15)), chatter: { login: 'lavkeebs' } }),
      }),
    );
    for (const id of [buyer, builder, bidder.slice(0, 15), 'lavkeebs']) expect(text).not.toContain(id);
    const now = Date.parse(String(lines[0]?.time));
    expect(lines[0]).toMatchObject({
      message: `Discord answered 404 to /users/${personHashInLogs(buyer, now)}/channels`,
      path: `/queue/${personHashInLogs(builder, now)}`,
      fine: '/guilds/900000000000000001/channels/910000000000000009/messages',
      me: '/users/@me/channels',
      body: `{"auctionId":"auct0001","bidderId":"${personHashInLogs(bidder.slice(0, 15), now)}","chatter":{"login":"${personHashInLogs('lavkeebs', now)}"}}`,
    });
  });

  it('is hashed under the deployment’s key: every instance given it shows the same hash, another key another', () => {
    const at = inPeriod;
    setLogIdKey('a'.repeat(64));
    const one = personHashInLogs(buyer, at);
    setLogIdKey('b'.repeat(64));
    const other = personHashInLogs(buyer, at);
    setLogIdKey('a'.repeat(64));
    expect(personHashInLogs(buyer, at)).toBe(one);
    expect(other).not.toBe(one);
  });

  it('is hashed under a random key of the process until the deployment’s is set, never a constant', () => {
    // Two processes of the built code, neither given a key: a constant key would give both the same hash.
    const probe = `process.stdout.write(require(${JSON.stringify(join(__dirname, '..', '..', 'dist', 'shared', 'log', 'index.js'))}).personHashInLogs('${buyer}', ${inPeriod}))`;
    const [a, b] = [0, 1].map(() => spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8' }).stdout);
    expect(a).toMatch(hashShape);
    expect(b).toMatch(hashShape);
    expect(a).not.toBe(b);
  });
});

/** A key that reads as a person's: their id, login or name by whatever role they play. */
const personLike = /(user|builder|bidder|buyer|racer|member|host|winner|entrant|chatter|broadcaster|owner|recipient|admin|person|login|name|nick)/i;

/** Keys logged today that read as a person's and are not: each says what it holds. */
const notAPerson: Readonly<Record<string, string>> = {
  adminGuilds: 'how many servers a signed-in member administers (a count)',
  name: 'an error’s class name (PaymentRefused), as a thrown error carries it',
  bidders: 'how many bidders’ strikes a sweep ended (a count)',
  chatters: 'how many idle chatters a sweep forgot (a count)',
};

describe('the fields the source logs', () => {
  const source = codeFiles(['shared', 'functions', 'scripts']).filter((f) => !f.includes('/test/'));
  let fields: Map<string, string>;
  beforeAll(() => {
    fields = logCallFields(source);
  }, 120_000);

  it('finds the fields of a literal, a variable and a spread (so a new field is found wherever it is written)', () => {
    // send-chat-replies logs `broadcasterId` in a literal; record-stream-event through a variable; http-trigger spreads a span's event.
    expect([...fields.keys()]).toEqual(expect.arrayContaining(['broadcasterId', 'messageId', 'status', 'byUserId']));
  });

  it('lists every field that reads as a person’s among the fields hashed, or says what it holds', () => {
    const hashed = new Set(personFieldsInLogs.map((key) => key.toLowerCase()));
    const unlisted = [...fields]
      .filter(([key]) => personLike.test(key) && !hashed.has(key.toLowerCase()) && !(key in notAPerson))
      .map(([key, site]) => `${key} (${site}): add it to personFieldsInLogs (shared/log/people.ts), or to notAPerson here with what it holds`);
    expect(unlisted).toEqual([]);
  });

  it('never writes a snowflake under any person’s field the source logs or the list names', async () => {
    const personFields = [...new Set([...[...fields.keys()].filter((key) => personLike.test(key) && !(key in notAPerson)), ...personFieldsInLogs])];
    const { text } = await logLinesOf(() => {
      for (const key of personFields) log.info('a field', { [key]: buyer, nested: { [key]: builder }, listed: [{ [key]: [bidder] }] });
    });
    expect(text.match(/\d{17,20}/g) ?? []).toEqual([]);
  });
});

describe('the paths whose segment is a person', () => {
  it('name every collection the privacy table keys by a person', () => {
    const keyedByPerson = keptDocuments
      .map((document) => /^([A-Za-z]+)\/([^/]+)/.exec(document.path))
      .filter((match): match is RegExpExecArray => match !== null && /user|builder|buyer|member|racer|broadcaster|login|bidder|chatter/.test(match[2] ?? ''))
      .map((match) => match[1] ?? '');
    expect(keyedByPerson.filter((collection) => !(personPathCollections as readonly string[]).includes(collection))).toEqual([]);
    expect(keyedByPerson.length).toBeGreaterThan(5);
  });
});
