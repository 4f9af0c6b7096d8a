import {
  cashedOut,
  payoutDone,
  payoutFailed,
  payoutRefusals,
  raceSettingsMessage,
  saleCurrencyMismatch,
  settingsRefusals,
  shopConnectedMessage,
  walletMessage,
} from '../rules/race-messages';
import type { RaceSettings } from '../rules/race';
import type { Payout, RaceEarning, Wallet } from '../rules/wallet';
import type { DiscordEmbed, DiscordMessage } from '../../ports';

const ana = '100000000000000001';
const EPHEMERAL = 64;
const gold = 0xf5c451;
const threshold = { payoutThresholdCents: 2_000, currency: 'usd' };

function wallet(over: Partial<Wallet> = {}): Wallet {
  return { guildId: 'guild-1', racerId: ana, currency: 'usd', pendingCents: 500, paidCents: 300, earnedCents: 800, ...over };
}

function fieldsOf(message: DiscordMessage): NonNullable<DiscordEmbed['fields']> {
  expect(message.embeds).toHaveLength(1);
  return (message.embeds as DiscordEmbed[])[0].fields ?? [];
}

function field(message: DiscordMessage, name: string): string | undefined {
  return fieldsOf(message).find((f) => f.name === name)?.value;
}

/** A race in a wallet, started on the given day of March 2026 at noon UTC. */
function race(title: string, day: number, earnedCents = 100): RaceEarning {
  return { title, startedAt: `2026-03-${String(day).padStart(2, '0')}T12:00:00.000Z`, earnedCents };
}

// Noon UTC on 2026-03-0N, in seconds: 2026-03-01 is 20,513 days after 1970-01-01.
const noonOfMarch = (day: number) => (20_512 + day) * 86_400 + 12 * 3_600;

describe('the wallet of a member who never raced', () => {
  it('says there is nothing yet and where payouts start, in the guild’s currency', () => {
    const note = walletMessage('ana', undefined, { payoutThresholdCents: 2_500, currency: 'eur' });
    expect(note.flags).toBe(EPHEMERAL);
    expect(note.embeds).toBeUndefined();
    expect(note.content).toContain('Hi ana! You have no race earnings here yet.');
    expect(note.content).toContain('Payouts start at 25.00 EUR.');
  });
});

describe('a racer’s wallet', () => {
  it('is private, pings nobody, and is titled with their name, in gold', () => {
    const message = walletMessage('ana', wallet(), threshold);
    expect(message.flags).toBe(EPHEMERAL);
    expect(message.allowed_mentions).toEqual({ parse: [] });
    expect(message.content).toBeUndefined();
    expect(message.embeds).toEqual([expect.objectContaining({ title: 'ana’s race wallet', color: gold })]);
  });

  it('shows pending, paid and earned side by side, then the threshold and the last races', () => {
    expect(fieldsOf(walletMessage('ana', wallet(), threshold))).toEqual([
      { name: 'Pending', value: '**$5.00**', inline: true },
      { name: 'Paid out, all time', value: '$3.00', inline: true },
      { name: 'Earned, all time', value: '$8.00', inline: true },
      { name: 'Payout threshold', value: '$20.00: $15.00 to go.' },
      { name: 'Last races', value: 'None yet.' },
    ]);
  });

  it('counts in the wallet’s own currency', () => {
    const message = walletMessage('ana', wallet({ currency: 'eur', races: { l1: race('Kart', 3, 250) } }), threshold);
    expect(field(message, 'Pending')).toBe('**5.00 EUR**');
    expect(field(message, 'Paid out, all time')).toBe('3.00 EUR');
    expect(field(message, 'Earned, all time')).toBe('8.00 EUR');
    expect(field(message, 'Payout threshold')).toBe('20.00 EUR: 15.00 EUR to go.');
    expect(field(message, 'Last races')).toContain('2.50 EUR');
  });

  it('says the racer is there when pending reaches the threshold exactly', () => {
    const value = field(walletMessage('ana', wallet({ pendingCents: 2_000 }), threshold), 'Payout threshold');
    expect(value).toBe('$20.00: you’re there. An admin pays out with `/payout`.');
  });

  it('says the racer is there when pending is past the threshold', () => {
    expect(field(walletMessage('ana', wallet({ pendingCents: 2_001 }), threshold), 'Payout threshold')).toContain('$20.00: you’re there.');
  });

  it('says what is left to go one cent short of the threshold', () => {
    expect(field(walletMessage('ana', wallet({ pendingCents: 1_999 }), threshold), 'Payout threshold')).toBe('$20.00: $0.01 to go.');
  });

  it('explains a pending balance below zero', () => {
    const value = field(walletMessage('ana', wallet({ pendingCents: -200 }), threshold), 'Pending');
    expect(value).toBe('**-$2.00** (a refund came after a payout: future credits make it up)');
  });

  it('explains nothing at a pending balance of zero', () => {
    expect(field(walletMessage('ana', wallet({ pendingCents: 0 }), threshold), 'Pending')).toBe('**$0.00**');
  });

  it('lists a race with its title, start day as a Discord date and what it earned', () => {
    const value = field(walletMessage('ana', wallet({ races: { l1: race('Friday Kart', 6, 1_234) } }), threshold), 'Last races');
    expect(value).toBe(`**Friday Kart** · <t:${noonOfMarch(6)}:d> · $12.34`);
  });

  it('lists the five newest races, newest first, whatever order they are stored in', () => {
    const races = { a: race('Day 2', 2), b: race('Day 7', 7), c: race('Day 1', 1), d: race('Day 5', 5), e: race('Day 3', 3), f: race('Day 6', 6) };
    const value = field(walletMessage('ana', wallet({ races }), threshold), 'Last races') ?? '';
    expect(value.split('\n').map((line) => line.split(' · ')[0])).toEqual(['**Day 7**', '**Day 6**', '**Day 5**', '**Day 3**', '**Day 2**']);
  });

  it('lists the newest race first even when its lobby id sorts last', () => {
    const races = { 'lob-z': race('Newest', 9), 'lob-a': race('Older', 8) };
    const value = field(walletMessage('ana', wallet({ races }), threshold), 'Last races') ?? '';
    expect(value.split('\n').map((line) => line.split(' · ')[0])).toEqual(['**Newest**', '**Older**']);
  });

  it('orders races that started at the same instant the same way whatever order they are stored in', () => {
    const titles = (races: Record<string, RaceEarning>) =>
      (field(walletMessage('ana', wallet({ races }), threshold), 'Last races') ?? '').split('\n').map((line) => line.split(' · ')[0]);
    const first = race('First lobby', 4);
    const second = race('Second lobby', 4);
    expect(titles({ 'lob-a': first, 'lob-b': second })).toEqual(['**First lobby**', '**Second lobby**']);
    expect(titles({ 'lob-b': second, 'lob-a': first })).toEqual(['**First lobby**', '**Second lobby**']);
  });
});

describe('the payout refusals', () => {
  it('follows an amount problem with an example', () => {
    expect(payoutRefusals.amount('That is not an amount.').content).toBe('That is not an amount. For example: `/payout user:@ana amount:20`.');
  });

  it('names the racer who has nothing pending', () => {
    expect(payoutRefusals.nothingPending(ana).content).toBe(`<@${ana}> has nothing pending to pay out here.`);
  });

  it('gives the amount asked and the pending balance, in the currency, when asked for too much', () => {
    const note = payoutRefusals.tooMuch(ana, 3_000, 2_050, 'eur');
    expect(note.flags).toBe(EPHEMERAL);
    expect(note.allowed_mentions).toEqual({ parse: [] });
    expect(note.content).toContain(`You can’t pay <@${ana}> 30.00 EUR: their pending balance is 20.50 EUR.`);
  });
});

function payout(over: Partial<Payout> = {}): Payout {
  return {
    payoutId: 'p1',
    guildId: 'guild-1',
    racerId: ana,
    amountCents: 2_500,
    currency: 'usd',
    paidBy: '100000000000000009',
    at: '2026-03-07T10:00:00.000Z',
    method: 'stripe',
    status: 'sent',
    transferId: 'tr_123',
    ...over,
  };
}

describe('what the admin reads after a payout', () => {
  it('names the Stripe transfer and the balance left', () => {
    const note = payoutDone(payout(), 150);
    expect(note.flags).toBe(EPHEMERAL);
    expect(note.content).toBe(`Paid <@${ana}> $25.00 by Stripe transfer \`tr_123\` to their connected account. Their pending balance is now $1.50.`);
  });

  it('quotes the note of a payout by hand', () => {
    const note = payoutDone(payout({ method: 'by-hand', transferId: undefined, note: 'gift card', currency: 'eur' }), 0);
    expect(note.content).toBe(`Paid <@${ana}> 25.00 EUR as paid by hand (gift card). Their pending balance is now 0.00 EUR.`);
  });

  it('adds nothing after a payout by hand without a note', () => {
    expect(payoutDone(payout({ method: 'by-hand', transferId: undefined }), 0).content).toContain('$25.00 as paid by hand. Their');
  });

  it('gives Stripe’s reason when a transfer fails, and the balance restored', () => {
    const note = payoutFailed(payout({ status: 'failed', failure: 'account restricted', currency: 'eur' }), 2_500);
    expect(note.flags).toBe(EPHEMERAL);
    expect(note.content).toContain(`Stripe refused the transfer of 25.00 EUR to <@${ana}>: account restricted.`);
    expect(note.content).toContain('their pending balance is back to 25.00 EUR.');
  });

  it('says no reason was given when Stripe gave none', () => {
    expect(payoutFailed(payout({ status: 'failed' }), 2_500).content).toContain(`$25.00 to <@${ana}>: no reason given.`);
  });
});

describe('the public “cashed out” post', () => {
  it('pings the racer and nobody else', () => {
    expect(cashedOut(payout()).allowed_mentions).toEqual({ users: [ana] });
  });

  it('says a Stripe payout went to their Stripe account', () => {
    expect(cashedOut(payout()).content).toBe(`💸 <@${ana}> cashed out $25.00 of race earnings (sent to their Stripe account).`);
  });

  it('quotes the note of a payout by hand, in its currency', () => {
    const post = cashedOut(payout({ method: 'by-hand', note: 'store credit', currency: 'eur' }));
    expect(post.content).toBe(`💸 <@${ana}> cashed out 25.00 EUR of race earnings (paid by hand: store credit).`);
  });

  it('says only “paid by hand” without a note', () => {
    expect(cashedOut(payout({ method: 'by-hand' })).content).toContain('(paid by hand).');
  });
});

describe('the host’s note about a sale in another currency', () => {
  const sale = { description: 'Tee', amountCents: 2_500, currency: 'eur' };

  it('names both currencies in capitals and the sale in its own currency, pinging nobody', () => {
    const note = saleCurrencyMismatch(sale, { title: 'Friday Kart', currency: 'usd' });
    expect(note.allowed_mentions).toEqual({ parse: [] });
    expect(note.content).toContain('A sale came in during **Friday Kart** in EUR (Tee, 25.00 EUR), but this race pays in USD.');
  });

  it('names no race currency when the lobby has none recorded', () => {
    expect(saleCurrencyMismatch(sale, { title: 'Friday Kart' }).content).toContain('(Tee, 25.00 EUR), but this race pays in . It was');
  });
});

function settings(over: Partial<RaceSettings> = {}): RaceSettings {
  return {
    commissionBps: 1_250,
    payoutThresholdCents: 2_000,
    maxRacers: 8,
    maxWindowMinutes: 180,
    hostRoleId: null,
    currency: 'usd',
    kofiTypes: ['Shop Order', 'Commission'],
    ...over,
  };
}

describe('the race settings', () => {
  it('lists every setting with its value, one a line', () => {
    const note = raceSettingsMessage(settings(), { kofi: false, shopify: false }, false);
    expect(note.flags).toBe(EPHEMERAL);
    expect(note.content?.split('\n')).toEqual([
      'Race settings for this server:',
      '• Racers share **12.5%** of each merch sale (`rate`)',
      '• Payouts start at **$20.00** pending (`threshold`)',
      '• Up to **8** racers a lobby (`max-racers`); a window closes itself after **180** minutes (`max-minutes`)',
      '• Hosts: admins (`host-role`)',
      '• Currency: **USD**; Ko-fi payments that count: Shop Order, Commission (`kofi-types`)',
      '• Shops: Ko-fi not connected, Shopify not connected (`/race connect`)',
    ]);
  });

  it('names the host role and the threshold in the guild’s currency', () => {
    const content = raceSettingsMessage(settings({ hostRoleId: '300000000000000001', currency: 'eur' }), { kofi: true, shopify: true }, true).content;
    expect(content).toContain('• Payouts start at **20.00 EUR** pending');
    expect(content).toContain('• Hosts: admins and <@&300000000000000001> (`host-role`)');
    expect(content).toContain('• Currency: **EUR**;');
    expect(content).toContain('• Shops: Ko-fi connected, Shopify connected');
    expect(content?.split('\n')[0]).toBe('Race settings saved. A race already running keeps the rate it started with.');
  });
});

describe('a shop connected', () => {
  it('gives Ko-fi its own webhook address for the guild', () => {
    const content = shopConnectedMessage('kofi', 'https://c500.test', 'guild-1').content ?? '';
    expect(content).toContain('Ko-fi connected.');
    expect(content).toContain('\nhttps://c500.test/webhooks/kofi/guild-1\n');
    expect(content).not.toContain('shopify');
  });

  it('gives Shopify its own webhook address for the guild', () => {
    const content = shopConnectedMessage('shopify', 'https://c500.test', 'guild-1').content ?? '';
    expect(content).toContain('Shopify connected.');
    expect(content).toContain('\nhttps://c500.test/webhooks/shopify/guild-1\n');
    expect(content).not.toContain('/webhooks/kofi/');
  });

  it('gives Stripe the guild id for the metadata and the page to redirect buyers to', () => {
    const content = shopConnectedMessage('stripe', 'https://c500.test', 'guild-1').content ?? '';
    expect(content).toContain('`guild_id` = `guild-1`');
    expect(content).toContain('`https://c500.test/checkout/success?session_id={CHECKOUT_SESSION_ID}`');
    expect(content).not.toContain('/webhooks/');
  });
});

describe('the settings refusals', () => {
  it('lists every problem as a bullet', () => {
    expect(settingsRefusals.invalid(['rate is too high', 'threshold is negative']).content).toBe(
      'Nothing was saved. Fix these and run `/race settings` again:\n• rate is too high\n• threshold is negative',
    );
  });

  it('passes on a connection problem as it is, privately', () => {
    expect(settingsRefusals.connect('That is not a Ko-fi token.')).toEqual({
      content: 'That is not a Ko-fi token.',
      flags: EPHEMERAL,
      allowed_mentions: { parse: [] },
    });
  });
});
