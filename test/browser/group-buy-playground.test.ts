/**
 * A group buy walked in the playground as a newcomer walks it, in real Chromium at a laptop's
 * and a phone's size: the builder picks `/groupbuy start` from the `/` list and fills its
 * fields (closing in an hour, the minimum two); two members press **Join**, give a quantity in
 * the modal and save a card on the local Stripe's page, and the post's bar fills; then the
 * builder presses **Skip ahead** instead of waiting the hour, and the close charges both and
 * the post says funded. The laptop reaches Skip ahead with the keyboard, the phone behind ☰.
 * Screenshots land in test-artifacts/screenshots/ (`npm run docs:pictures` makes
 * docs/images/group-buy-post.png from the laptop's post).
 */
import { keepScreenshot, outOfBounds } from '../support/browser';
import type { PlaygroundPage } from '../support/playground';
import { playgroundSuite } from '../support/playground-suite';

const suite = playgroundSuite({ sharedRuntime: false });

const TITLE = 'Tofu65 in e-white, brass weight';

/** A member presses Join on the post, says how many in the modal, then saves a card on Stripe's page from the link only they see. */
async function join(play: PlaygroundPage, member: string, quantity: string): Promise<void> {
  await play.as(member);
  await play.page.locator('discord-message').filter({ hasText: TITLE }).getByText('Join', { exact: true }).last().click();
  await play.fillModal({ quantity });
  await play.submitModal();
  await play.messageInView('save a card on Stripe’s page');
  const link = play.page.locator('discord-button').filter({ hasText: 'Save a card (nothing is charged now)' }).last();
  const [stripe] = await Promise.all([play.page.context().waitForEvent('page'), link.click()]);
  await stripe.getByText('You will be charged').waitFor();
  expect(await stripe.getByRole('button').allInnerTexts()).toEqual([
    'Save card',
    'Save a card that needs authentication when charged',
    'Save a card that is declined when charged',
    'Let it expire',
  ]);
  await stripe.getByRole('button', { name: 'Save card', exact: true }).click();
  await stripe.waitForURL(/\/checkout\/card-saved/);
  await stripe.close();
}

/**
 * Presses a Skip ahead button as a person does (the keyboard: Tab from **You are** until it is
 * the one, then Enter; a press behind ☰ on a phone) and answers what the control then says.
 */
async function skipAhead(play: PlaygroundPage, label: string, how: 'keyboard' | 'click'): Promise<string> {
  const { page } = play;
  const phone = await page.locator('.nav-toggle').isVisible();
  if (phone) await page.click('.nav-toggle');
  const control = page.getByRole('group', { name: 'Skip ahead' });
  const status = control.getByRole('status');
  const before = (await status.textContent()) ?? '';
  const button = control.getByRole('button', { name: label, exact: true });
  if (how === 'click') await button.click();
  else {
    await page.focus('select[name=as]');
    for (let i = 0; i < 12 && !(await button.evaluate((b) => b === document.activeElement)); i++) await page.keyboard.press('Tab');
    if (!(await button.evaluate((b) => b === document.activeElement))) throw new Error(`Tab from You are never reached ${label}`);
    await page.keyboard.press('Enter');
  }
  await page.waitForFunction(
    ([was]) => {
      const group = document.querySelector('.skip-ahead');
      const said = group?.querySelector('[role=status]')?.textContent ?? '';
      return group?.getAttribute('aria-busy') !== 'true' && said !== was && !said.startsWith('Moving');
    },
    [before],
    { timeout: 60_000 },
  );
  const said = (await status.textContent()) ?? '';
  // Its buttons and what it says fit the column at a phone's width too, nothing cut.
  expect(await outOfBounds(page, '.skip-ahead')).toEqual([]);
  if (phone) await page.click('.channels a.on');
  return said;
}

const sizes = [
  ['a laptop', 'laptop', { width: 1280, height: 800 }],
  ['a phone', 'phone', { width: 390, height: 844 }],
] as const;

describe.each(sizes)('a group buy in the playground on %s', (_size, name, viewport) => {
  it('opens from the / list, fills its bar as two members join and save a card, and funds when the builder skips ahead an hour', async () => {
    const rt = await suite.freshRuntime();
    const { play, opening } = await suite.open(viewport, rt);
    const { page } = play;
    await play.setUp();

    // The builder opens it in #marketplace: picked from the list, each field filled, Enter.
    await play.as('cleo_builds');
    await play.channel('marketplace');
    await play.pick('groupbuy start', name === 'laptop' ? 'mouse' : 'keyboard', { typed: '/groupbuy st' });
    expect(await play.focused()).toBe('closes');
    await play.typeHere('1h');
    const ships = new Date(Date.now() + 31 * 86_400_000).toISOString().slice(0, 7);
    await play.option('ships', ships);
    await play.option('title', TITLE);
    await play.option('price', '185');
    await play.option('moq', '2');
    await play.enter('moq');
    expect(await play.message(/Group buy [0-9a-z]{8} is open until/)).toContain('Nobody is charged unless 2 units are pledged');
    const opened = await play.messageInView(`Group buy: ${TITLE}`);
    expect(opened).toMatch(/\$185\.00\s*a unit/);
    expect(opened).toMatch(/0 \/ 2 units\s*pledged by 0 people/);
    expect(opened).toMatch(/Closes in (59 minutes|1 hour)/);

    // Two members join, one unit each; the bar fills as each card is saved.
    await join(play, 'bo_buyer', '1');
    expect(await play.message(/1 \/ 2 units\s*pledged by 1 person/)).toContain('█████░░░░░');
    await join(play, 'dee_bids', '1');
    expect(await play.message(/2 \/ 2 units\s*pledged by 2 people ✓ minimum met/)).toContain('██████████');
    await play.as('cleo_builds');
    await play.messageInView(/2 \/ 2 units\s*pledged by 2 people/);
    if (name === 'laptop') await keepScreenshot(page, 'groupbuy-playground-post');

    // The hour, skipped. The close waits out its settle minute after the hour (a card saved at the last moment still counts):
    // unless the walk took that long, Skip ahead says the close is next, the post that it closed moments ago, and Next task runs it.
    const how = name === 'laptop' ? 'keyboard' : 'click';
    const said = await skipAhead(play, '+1 hour', how);
    expect(said).toMatch(/^Moved 1 hour ahead; /);
    if (/Next task: groupbuy close, due in/.test(said)) {
      expect(said).toMatch(/^Moved 1 hour ahead; no task was due(;.*)?\. Next task: groupbuy close, due in \d+ seconds\.$/);
      expect(await play.message(`Group buy: ${TITLE}`)).toMatch(/Closes \d+ seconds ago/);
      expect(await skipAhead(play, 'Next task', how)).toMatch(/^Moved \d+ seconds ahead, to the next task; [1-9]\d* tasks? ran/);
    } else expect(said).toMatch(/^Moved 1 hour ahead; [1-9]\d* tasks? ran/);

    const funded = await play.messageInView(/Funded: 2 units/);
    expect(funded).toMatch(/Closed .* with its minimum met\. Funded: 2 units \(minimum 2 units\)\./);
    expect(funded).not.toContain('Join');
    expect(
      await page
        .locator('discord-message')
        .filter({ hasText: `Group buy: ${TITLE}` })
        .count(),
    ).toBe(1);
    await keepScreenshot(page, `groupbuy-playground-funded${name === 'laptop' ? '' : '-phone'}`);
    await play.dms();
    expect(await play.message('is funded')).toContain('2 units');

    // Each member's card was charged, and their DM says so.
    for (const member of ['bo_buyer', 'dee_bids']) {
      await play.as(member);
      await play.dms();
      expect(await play.message('your card was charged')).toContain('$185.00');
    }
    expect(await play.sideways()).toBe(0);
    expect(opening.problems).toEqual([]);
  }, 240_000);
});
