/**
 * The playground driven as a person drives it: pick who you are, open a channel, type a
 * command, fill a modal, press a button, read what appears. Every step waits for what a
 * person would wait for on screen, never for a fixed time.
 */
import type { Page } from 'playwright-core';

export class PlaygroundPage {
  constructor(readonly page: Page) {}

  async ready(): Promise<void> {
    await this.page.waitForSelector('body[data-ready]', { timeout: 30_000 });
  }

  /** Presses "Set up this server" and waits until the builder can sell (again is harmless: each step is the product's own). */
  async setUp(): Promise<void> {
    await this.page.click('button.setup');
    await this.page.locator('.banner', { hasText: 'Set up:' }).waitFor({ timeout: 30_000 });
  }

  /** Switches who you are, by name (`bo_buyer`). */
  async as(name: string): Promise<void> {
    const value = await this.page.$eval(
      'select[name=as]',
      (s, n) => Array.from((s as HTMLSelectElement).options).find((o) => o.text.startsWith(n))?.value,
      name,
    );
    if (!value) throw new Error(`nobody called ${name} in the playground`);
    await this.openNav();
    await this.page.selectOption('select[name=as]', value);
  }

  async channel(name: string): Promise<void> {
    await this.openNav();
    await this.page.click(`.channels a:text-is("# ${name}")`);
  }

  async dms(): Promise<void> {
    await this.openNav();
    await this.page.click('.channels a:has-text("DMs with C500")');
  }

  /** On a phone the channels are behind the ☰ button. */
  private async openNav(): Promise<void> {
    if (await this.page.isVisible('.nav-toggle')) {
      if (!(await this.page.isVisible('.channels'))) await this.page.click('.nav-toggle');
    }
  }

  /** Types a line in the message box and sends it with Enter, as a person does. */
  async type(line: string): Promise<void> {
    await this.page.fill('.composer > input', line);
    await this.page.press('.composer > input', 'Enter');
  }

  async fillModal(values: Record<string, string>): Promise<void> {
    await this.page.waitForFunction(() => document.querySelector('discord-modal')?.shadowRoot?.querySelector('dialog')?.open === true, null, {
      timeout: 15_000,
    });
    for (const [id, value] of Object.entries(values))
      await this.page.locator(`discord-input-text[data-custom-id="${id}"]`).locator('input, textarea').fill(value);
  }

  /** The builder posts a drop in #marketplace through `/c500 drop` and its modal; `filled` runs before Submit. */
  async postDrop(as: string, fields: Record<string, string>, filled: () => Promise<unknown> = async () => undefined): Promise<void> {
    await this.as(as);
    await this.channel('marketplace');
    await this.type('/c500 drop');
    await this.fillModal(fields);
    await filled();
    await this.submitModal();
    await this.message(fields.title as string);
  }

  async submitModal(): Promise<void> {
    await this.page.locator('discord-modal').getByRole('button', { name: 'Submit' }).click();
  }

  /** The text of the last message shown that holds `text`, once one does. */
  async message(text: string | RegExp, timeout = 20_000): Promise<string> {
    const found = this.page.locator('discord-message').filter({ hasText: text }).last();
    await found.waitFor({ timeout });
    return (await found.innerText()).replace(/\s+/g, ' ');
  }

  /** The value of the last embed field titled `title` (an order's id in a receipt), once one shows. */
  async field(title: string): Promise<string> {
    await this.page.waitForFunction(
      (t) => Array.from(document.querySelectorAll('discord-embed-field')).some((f) => (f as HTMLElement & { fieldTitle?: string }).fieldTitle === t),
      title,
      {
        timeout: 20_000,
      },
    );
    return this.page.$$eval(
      'discord-embed-field',
      (fields, t) => (fields.filter((f) => (f as HTMLElement & { fieldTitle?: string }).fieldTitle === t).pop()?.textContent ?? '').trim(),
      title,
    );
  }

  /** Presses a button whose label holds `label`, on the last message that has one. */
  async press(label: string | RegExp): Promise<void> {
    await this.page.locator('discord-button').filter({ hasText: label }).last().click();
  }

  /** Opens a pay link in a new tab, as the buyer does, presses the checkout's buttons in turn, and waits for the success page. */
  async payOnCheckout(url: string, buttons: Array<string | RegExp>): Promise<void> {
    const checkout = await this.page.context().newPage();
    await checkout.goto(url);
    for (const name of buttons) await checkout.getByRole('button', { name }).click();
    await checkout.waitForURL(/\/checkout\/success/);
    await checkout.close();
  }

  /** The URL of a link button, on the last message that has one labelled so. */
  async linkOf(label: string | RegExp): Promise<string> {
    const button = this.page.locator('discord-button[url]').filter({ hasText: label }).last();
    await button.waitFor({ timeout: 20_000 });
    return (await button.getAttribute('url')) as string;
  }
}
