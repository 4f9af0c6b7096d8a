import { setupRefusal, setupSaved } from '../rules/guild-messages';
import { guildDocPath, guildPath } from '../rules/guild';
import { botActions, botInviteUrl } from '../rules/bot-invite';

describe('the setup confirmation', () => {
  it('names both channels and the drop role it pings', () => {
    const saved = setupSaved({ generalChannelId: '700000000000000001', marketplaceChannelId: '700000000000000002', dropRoleId: '600000000000000001' }, 3);
    expect(saved.content).toContain('Hangouts go to <#700000000000000001>, drops and hype to <#700000000000000002>.');
    expect(saved.content).toContain('<@&600000000000000001> is pinged for drops.');
    expect(saved.content).not.toContain('No drop role');
  });

  it('says drop announcements ping nobody when no role was picked', () => {
    const saved = setupSaved({ generalChannelId: '700000000000000001', marketplaceChannelId: '700000000000000002', dropRoleId: null }, 3);
    expect(saved.content).toContain('No drop role: drop announcements ping nobody.');
    expect(saved.content).not.toContain('<@&');
  });

  it('says how many days after the carrier’s delivery an order’s last payout leaves', () => {
    const channels = { generalChannelId: '700000000000000001', marketplaceChannelId: '700000000000000002', dropRoleId: null };
    expect(setupSaved(channels, 3).content).toContain(
      'An order’s last payout leaves 3 days after the carrier delivers it (or when the buyer presses Received).',
    );
    expect(setupSaved(channels, 1).content).toContain('leaves 1 day after the carrier delivers it');
    expect(setupSaved(channels, 0).content).toContain('leaves as soon as the carrier delivers it (or');
  });
});

describe('a refused setup', () => {
  it('tells a member without the permission to ask an admin', () => {
    expect(setupRefusal('needs-admin').content).toContain('Only server admins can set up C500');
  });

  it('asks for both channels', () => {
    expect(setupRefusal('needs-channels').content).toContain('Pick both channels');
  });

  it('says what a delivery window may be, and that nothing changed', () => {
    expect(setupRefusal('bad-window').content).toBe(
      'The delivery window is a whole number of days from 0 to 14, for example `delivery-window:3`. Nothing was changed.',
    );
    expect(setupRefusal('bad-window').flags).toBe(setupRefusal('needs-admin').flags);
  });
});

describe("a guild's document", () => {
  it('is the same document whichever module reads its own field there', () => {
    expect(guildDocPath<{ races?: unknown }>('900000000000000001')).toBe('guilds/900000000000000001');
    expect(guildDocPath('900000000000000001')).toBe(guildPath('900000000000000001'));
  });
});

describe('what the invite says the bot does', () => {
  it('describes each action and what it needs: editing its own posts needs to see the channel', () => {
    expect(botActions.map((a) => a.action.split(' ').slice(0, 3).join(' '))).toEqual(['post drops, auction', 'edit its own', 'ping the drop', 'post the same']);
    expect(botActions[1]?.needs).toEqual(['ViewChannel']);
  });

  it('refuses an application id with anything before its digits', () => {
    expect(() => botInviteUrl('app1100000000000000001')).toThrow(/snowflake/);
    expect(botInviteUrl('1100000000000000001')).toContain('client_id=1100000000000000001');
  });
});
