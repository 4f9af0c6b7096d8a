/**
 * What someone whose DMs are closed is told in the channel instead (closed-dm-messages): a
 * mention that pings only them, what could not be sent and for which order, and nothing private.
 */
import { closedDmNotices } from '../rules/closed-dm-messages';
import { discordLimitProblems } from '../../discord';
import type { DiscordMessage } from '../../ports';

const person = '111111111111111111';
const orderId = 'k3v9m2qa';
const contentOf = (message: DiscordMessage) => message.content ?? '';

/** Built inside each test, so the mutation run knows which tests reach each notice. */
const orderNoticeKinds = ['receipt', 'newOrder', 'refunded', 'paymentFailed'] as const;

describe('a notice in the channel for closed DMs', () => {
  it.each(orderNoticeKinds)('of %s starts by mentioning the person and pings only them', (kind) => {
    const notice = closedDmNotices[kind](person, orderId);
    expect(contentOf(notice)).toMatch(/^<@111111111111111111> \S/);
    expect(notice.allowed_mentions).toEqual({ users: [person] });
  });

  it.each(orderNoticeKinds)('of %s names the order, says where to see it and how to open DMs', (kind) => {
    const notice = closedDmNotices[kind](person, orderId);
    const [said, howToOpen] = contentOf(notice).split('\n');
    expect(said).toContain(`order \`${orderId}\``);
    expect(said).toContain('`/c500 profile`');
    expect(howToOpen).toMatch(/^To get these by DM, open your DMs/);
  });

  it('of an auction won names the item, pings only the winner and says how to get the payment link', () => {
    const notice = closedDmNotices.auctionWon(person, 'Tofu65 in e-white', false);
    const [said, howToOpen] = contentOf(notice).split('\n');
    expect(said).toMatch(/^<@111111111111111111> you won: \*\*Tofu65 in e-white\*\*! /);
    expect(said).toContain('`/c500 profile`');
    expect(howToOpen).toMatch(/^To get these by DM/);
    expect(notice.allowed_mentions).toEqual({ users: [person] });
  });

  it.each(['late', 'moved'] as const)('of a commission %s names the order and why, pings only its buyer, and says where to see it', (why) => {
    const notice = closedDmNotices.commissionChoice(person, orderId, why);
    const [said, howToOpen] = contentOf(notice).split('\n');
    expect(said).toMatch(
      new RegExp(
        `^<@111111111111111111> your commission \`${orderId}\` ${why === 'late' ? 'passed its promised date' : 'had its promised date moved by its builder'}, `,
      ),
    );
    expect(said).toContain('`/c500 queue line`');
    expect(howToOpen).toMatch(/^To get these by DM/);
    expect(notice.allowed_mentions).toEqual({ users: [person] });
  });

  it('of a commission for a buyer who hid their name names no order, no date and no lateness', () => {
    const notice = closedDmNotices.commissionChoiceUnnamed(person);
    const [said, howToOpen] = contentOf(notice).split('\n');
    expect(said).toMatch(/^<@111111111111111111> one of your commissions needs a choice from you, .*`\/c500 profile` shows which order it is/);
    expect(said).not.toMatch(/late|promised|moved|`[a-z0-9]{8}`/);
    expect(howToOpen).toMatch(/^To get these by DM/);
    expect(notice.allowed_mentions).toEqual({ users: [person] });
  });

  it('of a second chance says the item is offered at the runner-up’s last bid', () => {
    expect(contentOf(closedDmNotices.auctionWon(person, 'Tofu65', true))).toMatch(
      /^<@111111111111111111> the item is offered to you as a second chance: \*\*Tofu65\*\*!/,
    );
  });

  it('of an auction won cuts a long item name to 200 characters and fits Discord', () => {
    const notice = closedDmNotices.auctionWon(person, `${'I'.repeat(200)}${'J'.repeat(2_000)}`, false);
    expect(contentOf(notice)).toContain(`**${'I'.repeat(200)}**!`);
    expect(contentOf(notice)).not.toContain('J');
    expect(discordLimitProblems(notice)).toEqual([]);
  });

  it('of a group buy’s pay link names the group buy and the deadline, pings only its buyer, and says where the link is', () => {
    const notice = closedDmNotices.groupBuyPayLink(person, 'Tofu65 case', '2026-12-13T18:01:00.000Z');
    const [said, howToOpen] = contentOf(notice).split('\n');
    expect(said).toMatch(/^<@111111111111111111> \*\*Tofu65 case\*\* reached its minimum/);
    expect(said).toContain('pay within 72 hours, by <t:1797184860:f>');
    expect(said).toContain('`/c500 profile`');
    expect(howToOpen).toMatch(/^To get these by DM/);
    expect(notice.allowed_mentions).toEqual({ users: [person] });
  });

  it('of a group buy’s pay link cuts a long title to 200 characters and fits Discord', () => {
    const notice = closedDmNotices.groupBuyPayLink(person, `${'I'.repeat(200)}${'J'.repeat(2_000)}`, '2026-12-13T18:01:00.000Z');
    expect(contentOf(notice)).toContain(`**${'I'.repeat(200)}**`);
    expect(contentOf(notice)).not.toContain('J');
    expect(discordLimitProblems(notice)).toEqual([]);
  });
});
