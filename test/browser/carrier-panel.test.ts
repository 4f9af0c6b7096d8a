/**
 * The playground's carrier panel in real Chromium at a laptop's and a phone's size, as a person
 * uses it: an order paid and shipped by hand (`/c500 ship` with a tracking number, picked from
 * the `/` list and its options filled), then **Delivered** pressed on its parcel in the carrier
 * panel: the panel says what happened, read from the order, and the buyer has the "was
 * delivered" DM; a move the delivered parcel cannot make is greyed out and a tap says why.
 */
import type { Page } from 'playwright-core';
import { type PlaygroundPage } from '../support/playground';
import { playgroundSuite } from '../support/playground-suite';

const suite = playgroundSuite({ sharedRuntime: false });

/** The carrier panel, opened behind its button on a phone and closed again after, as a person does. */
class CarrierPanel {
  constructor(private readonly page: Page) {}

  private async open(): Promise<boolean> {
    const toggle = this.page.locator('.parties-toggle');
    const phone = await toggle.isVisible();
    if (phone) await toggle.click();
    return phone;
  }

  /** Presses a move on an order's parcel and returns what the panel says once it matches `says`. */
  async press(orderId: string, label: string, says: RegExp): Promise<string> {
    const phone = await this.open();
    const parcel = this.page.locator(`.carrier-parcel[data-order="${orderId}"]`);
    await parcel.getByRole('button', { name: label, exact: true }).click({ timeout: 20_000 });
    const said = this.page.locator('.carrier-feedback').filter({ hasText: says });
    await said.waitFor({ timeout: 30_000 });
    const text = (await said.textContent()) ?? '';
    if (phone) await this.page.click('.parties-close');
    return text;
  }

  /** Where the panel says an order's parcel stands, once it says `status`. */
  async status(orderId: string, status: string): Promise<void> {
    const phone = await this.open();
    await this.page.locator(`.carrier-parcel[data-order="${orderId}"] .parcel-status`).filter({ hasText: status }).waitFor({ timeout: 30_000 });
    if (phone) await this.page.click('.parties-close');
  }

  /** Why a move is greyed out on an order's parcel, as a tap on it says (a phone has no hover). */
  async whyNot(orderId: string, label: string): Promise<string> {
    const phone = await this.open();
    const button = this.page.locator(`.carrier-parcel[data-order="${orderId}"]`).getByRole('button', { name: label, exact: true });
    expect(await button.getAttribute('class')).toContain('unavailable');
    await button.click();
    const said = this.page.locator('.carrier-feedback').filter({ hasText: `${label} can’t happen to this parcel now: ` });
    await said.waitFor({ timeout: 20_000 });
    const text = (await said.textContent()) ?? '';
    if (phone) await this.page.click('.parties-close');
    return /now: (.*)\.$/.exec(text)?.[1] ?? text;
  }
}

async function buyAndShip(play: PlaygroundPage): Promise<string> {
  await play.setUp();
  await play.postDrop('cleo_builds', { title: 'Lavender 65%', description: 'Oil Kings on a brass plate', price: '240', kind: 'ready-to-ship 1' });
  await play.as('bo_buyer');
  await play.channel('marketplace');
  await play.press('Buy');
  await play.payOnCheckout(await play.linkOf(/^Pay \$240\.00/), [/^Pay \$240\.00/]);
  await play.dms();
  await play.message('Thanks for your order');
  const orderId = await play.field('Order');
  await play.as('cleo_builds');
  await play.channel('general');
  await play.pick('c500 ship', 'mouse');
  await play.option('order', orderId);
  await play.option('tracking', '1Z999AA10123456784');
  await play.option('carrier', 'UPS');
  await play.enter('tracking');
  await play.message(new RegExp(`${orderId}.*marked shipped`));
  return orderId;
}

const sizes = [
  ['a laptop', { width: 1280, height: 800 }],
  ['a phone', { width: 390, height: 844 }],
] as const;

describe.each(sizes)('the carrier panel on %s', (_size, viewport) => {
  it('moves a shipped parcel to delivered, says who was told and what the payout waits for, and the buyer has the DM', async () => {
    const rt = await suite.freshRuntime();
    const { play, opening } = await suite.open(viewport, rt);
    const carrier = new CarrierPanel(play.page);
    const orderId = await buyAndShip(play);
    await carrier.status(orderId, 'shipped');

    const said = await carrier.press(orderId, 'Delivered', /^Delivered: bo_buyer was told;/);
    expect(said).toMatch(/the payout leaves once the server’s window passes \(3 days, to .+\) and the order is proved on stream\.$/);
    await carrier.status(orderId, 'delivered');
    await play.as('bo_buyer');
    await play.dms();
    expect(await play.message('was delivered')).toContain(orderId);
    expect(await carrier.whyNot(orderId, 'Returned')).toBe('already delivered');
    expect(opening.problems).toEqual([]);
  }, 180_000);
});
