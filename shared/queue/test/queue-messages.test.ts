import { discordLimitProblems } from '../../discord';
import { builderRecord } from '../rules/builder-record';
import { lineOf } from '../rules/queue-line';
import { placeLine, placesShown, queueView, recordLine, type ShownPlace } from '../rules/queue-messages';
import { placed } from './queue-fixtures';

const now = new Date('2026-12-01T00:00:00Z');
const shown = (orders = [placed(1), placed(2), placed(3)], over: Partial<ShownPlace> = {}): ShownPlace[] =>
  lineOf(orders, now).map((p) => ({ ...p, guildId: 'g1', nameHidden: false, ...over }));
const viewer = { userId: 'buyer2', guildId: 'g1' };
const textOf = (places: ShownPlace[], who = viewer) => {
  const embed = queueView('Builder', places, who, builderRecord([]), 'https://c500.example/queue/1').embeds?.[0];
  return `${embed?.description}\n${embed?.fields?.map((f) => f.value).join('\n')}`;
};

describe('/c500 queue', () => {
  it('names each buyer of this server and marks the asker’s own place with its order id', () => {
    const text = textOf(shown());
    expect(text).toContain('**#1** Board 1 · for Buyer 1 · waiting to start');
    expect(text).toContain('➜ **#2** Board 2 · for you · waiting to start');
    expect(text).toContain('`order2`');
    expect(text).not.toContain('`order1`');
  });

  it('says "a buyer" for one who hid their name', () => {
    expect(placeLine(shown(undefined, { nameHidden: true })[0]!, viewer)).toContain('for a buyer ·');
  });

  it('says "a buyer" for one who bought in another server', () => {
    expect(placeLine(shown(undefined, { guildId: 'g2' })[0]!, viewer)).toContain('for a buyer ·');
  });

  it('shows a late place as late, with the date it was promised', () => {
    const [late] = shown([placed(1, {}, { promisedAt: '2026-11-20T00:00:00.000Z' })]);
    expect(placeLine(late!, viewer)).toMatch(/was promised <t:\d+:D> · \*\*late\*\*$/);
  });

  it('shows a buyer’s name as text, never as formatting or a mention', () => {
    const [place] = shown([placed(1, { buyerName: '**big** @everyone <@1>' })]);
    expect(placeLine(place!, viewer)).toContain('for \\*\\*big\\*\\* \\@everyone \\<\\@1\\>');
  });

  it('shows at most twenty places, counts the rest, and still shows the asker’s place far down the line', () => {
    const orders = Array.from({ length: 30 }, (_, i) => placed(i + 1));
    const text = textOf(shown(orders), { userId: 'buyer27', guildId: 'g1' });
    expect(text.match(/\*\*#\d+\*\*/g)).toHaveLength(placesShown + 1);
    expect(text).toContain('…and 10 more in line.');
    expect(text).toContain('➜ **#27**');
  });

  it('says the line is empty when nobody waits', () => {
    expect(textOf([])).toContain('Nobody is waiting');
  });

  it('fits Discord’s limits with the longest titles and names in a full line', () => {
    const orders = Array.from({ length: 50 }, (_, i) => placed(i + 1, { title: 'T'.repeat(80), buyerName: 'N'.repeat(100) }));
    expect(discordLimitProblems(queueView('B'.repeat(100), shown(orders), viewer, builderRecord([]), 'https://c500.example/queue/1'))).toEqual([]);
  });

  it('says the record with where it comes from', () => {
    expect(recordLine({ completed: 4, onTime: 3, onTimePercent: 75, medianLeadDays: 41.5 })).toBe(
      '4 builds done · 75% on time · median 41.5 days from payment to done. From C500’s own orders.',
    );
    expect(recordLine(builderRecord([]))).toBe('No commission finished on C500 yet.');
  });
});

describe('/c500 queue’s embed', () => {
  const embedOf = (places: ShownPlace[], record = builderRecord([])) => queueView('Juno', places, viewer, record, 'https://c500.example/queue/1').embeds?.[0];

  it('is private, pings nobody, and is titled with the builder', () => {
    const message = queueView('Juno', shown(), viewer, builderRecord([]), 'https://c500.example/queue/1');
    expect(message.flags).toBe(64);
    expect(message.allowed_mentions).toEqual({ parse: [] });
    expect(message.embeds?.[0]?.title).toBe('Juno’s commission queue');
  });

  it('is rose when a place is late and mint when none is', () => {
    expect(embedOf(shown())?.color).toBe(0xb5e8c8);
    const withLate = shown([placed(1), placed(2, {}, { promisedAt: '2026-11-20T00:00:00.000Z' })]);
    expect(embedOf(withLate)?.color).toBe(0xf4a6b7);
  });

  it('shows the record and the public page as fields, and counts nothing more when all fit', () => {
    expect(embedOf(shown())?.fields).toEqual([
      { name: 'Record', value: 'No commission finished on C500 yet.' },
      { name: 'Public page', value: 'https://c500.example/queue/1' },
    ]);
    expect(embedOf(shown())?.description).not.toContain('more in line');
    expect(embedOf(shown(Array.from({ length: placesShown }, (_, i) => placed(i + 1))))?.description).not.toContain('more in line');
  });

  it('says one build in the singular', () => {
    expect(recordLine({ completed: 1, onTime: 1, onTimePercent: 100, medianLeadDays: 9 })).toBe(
      '1 build done · 100% on time · median 9 days from payment to done. From C500’s own orders.',
    );
  });

  it('writes each promised date as a Discord date of its second', () => {
    expect(placeLine(shown()[0]!, viewer)).toContain('promised <t:1797163200:D>');
  });
});
