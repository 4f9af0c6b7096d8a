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
    // The page marks the setup done; its banner, which told the steps, is gone by then.
    await this.page.locator('body[data-set-up=done]').waitFor({ state: 'attached', timeout: 30_000 });
  }

  /** Switches who you are, by name (`bo_buyer`). */
  async as(name: string): Promise<void> {
    const value = await this.page.$eval(
      'select[name=as]',
      (s, n) => Array.from((s as HTMLSelectElement).options).find((o) => o.text.startsWith(n))?.value,
      name,
    );
    if (!value) throw new Error(`nobody called ${name} in the playground`);
    const opened = await this.openNav();
    await this.page.selectOption('select[name=as]', value);
    // On a phone, back to the channel one was in: its name in the list.
    if (opened) await this.page.click('.channels a.on');
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
  private async openNav(): Promise<boolean> {
    if (!(await this.page.isVisible('.nav-toggle')) || (await this.page.isVisible('.channels'))) return false;
    await this.page.click('.nav-toggle');
    return true;
  }

  /** Types a line in the message box and sends it with Enter, as a person does. */
  async type(line: string): Promise<void> {
    await this.page.fill('.composer > input', line);
    await this.page.press('.composer > input', 'Enter');
  }

  /**
   * Picks a command from the `/` list as a person does: types `/` and the first letters, then
   * clicks it (`mouse`), or moves down the list with the arrows and takes it with Enter or Tab
   * (`keyboard`). Waits for its option fields, if it has any. `highlighted`: the words say it is
   * highlighted as soon as it is typed, so no arrow is pressed (and it fails if it is not).
   */
  async pick(
    command: string,
    how: 'mouse' | 'keyboard' = 'mouse',
    options: { typed?: string; take?: 'Enter' | 'Tab'; highlighted?: boolean } = {},
  ): Promise<void> {
    const { typed = `/${command.slice(0, 8)}`, take = 'Enter' } = options;
    const line = this.page.locator('.composer > input');
    await line.click();
    await line.fill('');
    await line.pressSequentially(typed);
    const item = this.page.locator(`.suggestions li[data-command="${command}"]`);
    await item.waitFor();
    if (how === 'mouse') await item.click();
    else {
      if (options.highlighted && (await item.getAttribute('aria-selected')) !== 'true') throw new Error(`/${command} is not highlighted after typing ${typed}`);
      const count = await this.page.locator('.suggestions li').count();
      for (let i = 0; i < count && (await item.getAttribute('aria-selected')) !== 'true'; i++) await line.press('ArrowDown');
      if ((await item.getAttribute('aria-selected')) !== 'true') throw new Error(`the arrows never reached /${command}`);
      await line.press(take);
    }
    await this.page.waitForFunction((c) => (document.querySelector('.composer > input') as HTMLInputElement).value === `/${c} `, command);
  }

  /** The name of the field the cursor is in (`line` for the message line): where typing goes. */
  async focused(): Promise<string> {
    return this.page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name ?? '');
  }

  /** Types where the cursor is, as a person does after picking a command, without clicking a field first. */
  async typeHere(text: string): Promise<void> {
    await this.page.keyboard.type(text);
  }

  /** Fills one option field of the picked command: typed, or chosen from its list. */
  async option(name: string, value: string): Promise<void> {
    const field = this.page.locator(`.composer .options [name="${name}"]`);
    if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption(value);
    else await field.fill(value);
  }

  /** Presses Enter where the person is typing: the message line, or an option field by name. */
  async enter(inField?: string): Promise<void> {
    await this.page.press(inField ? `.composer .options [name="${inField}"]` : '.composer > input', 'Enter');
  }

  /**
   * Two people bid on the auction in the channel: bo_buyer the opening $20.00, then dee_bids the
   * next step up once their button shows it, each waiting for their answer (on screen without
   * scrolling when `inView`, as the tour asks).
   */
  async twoBids(inView = false): Promise<void> {
    const answered = (text: RegExp) => (inView ? this.messageInView(text) : this.message(text));
    await this.as('bo_buyer');
    await this.press(/^Bid \$20\.00/);
    await answered(/You lead|your bid|leading/i);
    await this.as('dee_bids');
    await this.page
      .locator('discord-button')
      .filter({ hasText: /^Bid \$2[1-9]/ })
      .last()
      .waitFor({ timeout: 15_000 });
    await this.press(/^Bid \$2[1-9]/);
    await answered(/You lead|your bid|leading/i);
  }

  /**
   * The last message holding `text`, once it shows on screen without the person scrolling: whole
   * inside the channel's visible part and the window, or, taller than that part, filling it down
   * to its last line (as Discord shows a long message at the bottom). Asked afresh each time: a
   * message redrawn after an edit is a new element.
   */
  async messageInView(text: string | RegExp, timeout = 45_000): Promise<string> {
    const found = this.page.locator('discord-message').filter({ hasText: text }).last();
    await found.waitFor({ timeout }).catch(async (error: unknown) => {
      const last = (await this.page.locator('discord-message').allInnerTexts()).slice(-2).join(' | ');
      throw new Error(`no message holds “${String(text)}”; the last ones read: ${last.replace(/\s+/g, ' ')}`, { cause: error });
    });
    const place = (el: Element, judge: boolean) => {
      const r = el.getBoundingClientRect();
      const box = (el.closest('.messages') ?? document.documentElement).getBoundingClientRect();
      const top = Math.max(0, box.top);
      const bottom = Math.min(window.innerHeight, box.bottom);
      const bottomShows = r.bottom <= bottom + 1 && r.bottom > top;
      const topShows = r.top >= top - 1 || r.height > bottom - top;
      const inView = r.height > 0 && bottomShows && topShows && r.left >= -1 && r.right <= window.innerWidth + 1;
      const list = el.closest('.messages');
      const scroll = list ? `, list scrolled ${Math.round(list.scrollTop)} of ${list.scrollHeight - list.clientHeight}` : '';
      return judge
        ? inView
        : `message ${Math.round(r.top)}–${Math.round(r.bottom)}, list ${Math.round(box.top)}–${Math.round(box.bottom)}${scroll}, window ${window.innerHeight}`;
    };
    // Looked up afresh at each frame until it shows or the time is up: a waiting, not a timing.
    const until = Date.now() + timeout;
    while ((await found.evaluate(place, true)) !== true) {
      if (Date.now() > until) throw new Error(`“${String(text)}” is not in view without scrolling: ${String(await found.evaluate(place, false))}`);
      await this.page.evaluate(() => new Promise((done) => requestAnimationFrame(() => done(null))));
    }
    return (await found.innerText()).replace(/\s+/g, ' ');
  }

  /** The newest message of the open channel or DMs, once it shows without the person scrolling. */
  async newestInView(): Promise<string> {
    return this.messageInView(/[\s\S]/);
  }

  /**
   * How far anything reaches past the window's width: the page itself, or a list that would
   * scroll sideways inside it (the messages, with a long link). 0 when everything fits.
   */
  async sideways(): Promise<number> {
    return this.page.evaluate(() => {
      const page = document.documentElement.scrollWidth - window.innerWidth;
      const inner = Array.from(document.querySelectorAll('.messages, .chat, .composer, .parties')).map((el) => el.scrollWidth - el.clientWidth);
      return Math.max(page, ...inner, 0);
    });
  }

  /** Goes live in the Twitch panel: at a phone's width it opens behind its button, and is closed again after. */
  async goLive(): Promise<void> {
    const toggle = this.page.locator('.parties-toggle');
    const phone = await toggle.isVisible();
    if (phone) await toggle.click();
    await this.page.click('button.live');
    await this.page.locator('.parties .hint', { hasText: /twitch\.tv\/\S+ is live/ }).waitFor();
    if (phone) await this.page.click('.parties-close');
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
  async message(text: string | RegExp, timeout = 45_000): Promise<string> {
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
