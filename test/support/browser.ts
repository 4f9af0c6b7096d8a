/**
 * Headless Chromium for the browser tests: Debian's `chromium` driven by playwright-core
 * (which downloads no browser of its own), pages opened against the local runtime, console
 * errors and failed requests collected, screenshots kept under `test-artifacts/screenshots/`
 * (git-ignored) for a person to look at.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { projectRoot } from './module-graph';

export const screenshotDir = join(projectRoot, 'test-artifacts', 'screenshots');

export const viewports = {
  desktop: { width: 1366, height: 900 },
  phone: { width: 390, height: 844 },
  /** The OBS browser-source sizes the overlays' own comments give. */
  auctionOverlay: { width: 520, height: 220 },
  potOverlay: { width: 1280, height: 120 },
  showOverlay: { width: 1280, height: 300 },
  queueOverlay: { width: 1280, height: 120 },
} as const;

function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => Boolean(p));
  const found = candidates.find((p) => existsSync(p));
  if (!found)
    throw new Error(`No Chromium at ${candidates.join(', ')}: install Debian's package (apt-get install chromium; .ci/run does) or set CHROMIUM_PATH`);
  return found;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    // Without the background-networking flags Chromium keeps calling Google's hosts, which this machine refuses.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--font-render-hinting=none',
    ],
  });
}

export interface OpenedPage {
  page: Page;
  /** Console errors, uncaught exceptions and requests that failed or answered 4xx/5xx, in order. */
  problems: string[];
  close(): Promise<void>;
}

export async function openPage(
  browser: Browser,
  url: string,
  viewport: { width: number; height: number },
  options: { javaScript?: boolean; reducedMotion?: boolean; expectStatus?: number } = {},
): Promise<OpenedPage> {
  const context = await browser.newContext({
    viewport,
    javaScriptEnabled: options.javaScript ?? true,
    reducedMotion: options.reducedMotion ? 'reduce' : 'no-preference',
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    // A page meant to answer 404 logs its own status; a resource it loads may not.
    if (options.expectStatus && message.location().url === url && /status of \d+/.test(message.text())) return;
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`exception: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`failed: ${request.url()} ${request.failure()?.errorText ?? ''}`));
  page.on('response', (response) => {
    // The page itself may be meant to answer 404; anything it loads may not.
    if (response.status() >= 400 && response.url() !== url) problems.push(`${response.status()}: ${response.url()}`);
  });
  const response = await page.goto(url, { waitUntil: 'load' });
  const status = response?.status();
  if (status !== (options.expectStatus ?? 200)) throw new Error(`${url} answered ${status}`);
  await page.evaluate(() => document.fonts.ready);
  return { page, problems, close: () => context.close() };
}

/** Saves a full-page screenshot as `test-artifacts/screenshots/<name>.png`. */
export async function keepScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true, omitBackground: true });
  return path;
}

/**
 * Every visible element inside `container` that pokes out of it, and every element whose
 * own text is cut (wider or taller than its box: ellipsis, clamp or overflow). Empty when
 * the card holds everything it shows.
 */
export async function outOfBounds(page: Page, container: string): Promise<string[]> {
  return page.evaluate((selector) => {
    const box = document.querySelector(selector);
    if (!box) return [`no ${selector}`];
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}`;
    const visible = (el: Element) => {
      const style = getComputedStyle(el);
      const rect = el.getBoundingClientRect();
      return style.display !== 'none' && style.visibility !== 'hidden' && rect.width > 0 && rect.height > 0;
    };
    const outer = box.getBoundingClientRect();
    const found: string[] = [];
    const viewport = { right: document.documentElement.clientWidth, bottom: document.documentElement.clientHeight };
    if (outer.left < 0 || outer.top < 0 || outer.right > viewport.right + 0.5 || outer.bottom > viewport.bottom + 0.5)
      found.push(`${name(box)} leaves the page`);
    for (const el of Array.from(box.querySelectorAll('*'))) {
      if (!visible(el) || el.closest('[aria-hidden="true"]')) continue;
      // A marquee's track is meant to run past its window; what counts there is the window.
      if (el.closest('[data-scrolls]') && el !== el.closest('[data-scrolls]')) continue;
      const r = el.getBoundingClientRect();
      if (r.left < outer.left - 0.5 || r.right > outer.right + 0.5 || r.top < outer.top - 0.5 || r.bottom > outer.bottom + 0.5) {
        found.push(`${name(el)} "${(el.textContent ?? '').trim().slice(0, 40)}" is outside ${name(box)}`);
      }
      const ownText = Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '');
      if (ownText && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1) && getComputedStyle(el).display !== 'inline') {
        found.push(
          `${name(el)} "${(el.textContent ?? '').trim().slice(0, 40)}" is cut (${el.scrollWidth}×${el.scrollHeight} in ${el.clientWidth}×${el.clientHeight})`,
        );
      }
    }
    return found;
  }, container);
}

/** Elements whose text wraps onto more lines than one, among those matched. */
export async function wrapped(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((s) => {
    return Array.from(document.querySelectorAll(s))
      .filter((el) => {
        const rects = Array.from(el.getClientRects());
        const tops = new Set(rects.map((r) => Math.round(r.top)));
        return tops.size > 1 || el.getBoundingClientRect().height > parseFloat(getComputedStyle(el).lineHeight || '0') * 1.5;
      })
      .map((el) => (el.textContent ?? '').trim());
  }, selector);
}

/** A display name in wide capitals: the widest 32 characters a leader or racer is likely to have. */
export const wideDisplayName = 'WOLFGANG MAXIMILIAN MÜHLENBERGER';

/** Fonts loaded (cards refit when they arrive) and two frames drawn. */
export const settled = (page: Page) =>
  page.evaluate(() => document.fonts.ready.then(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))));

/**
 * When the page asked `path` (by its own resource timing, in ms since it loaded), once it has
 * asked it `times` times: waits for that request to be made, never a fixed while.
 */
export async function requestTimes(page: Page, path: string, times: number, timeoutMs = 20_000): Promise<number[]> {
  const startsOf = (p: string) =>
    performance
      .getEntriesByType('resource')
      .filter((e) => e.name.includes(p))
      .map((e) => e.startTime);
  await page.waitForFunction(
    ({ p, n }) => performance.getEntriesByType('resource').filter((e) => e.name.includes(p)).length >= n,
    { p: path, n: times },
    { timeout: timeoutMs },
  );
  return page.evaluate(startsOf, path);
}

export const shown = (page: Page, selector: string) => page.locator(selector).innerText();

/** Whether the page drew with the Nunito it ships, not a system font that happens to be there. */
export const shippedFontLoaded = (page: Page) =>
  page.evaluate(() => {
    let loaded = false;
    document.fonts.forEach((face) => {
      if (face.family.replace(/"/g, '') === 'Nunito Variable' && face.status === 'loaded') loaded = true;
    });
    return loaded;
  });

/** A screenshot's alpha at its top-left pixel and at its most opaque one, read back through the page's own canvas. */
export function screenshotAlpha(page: Page, png: Buffer): Promise<{ corner: number; most: number }> {
  return page.evaluate(async (data) => {
    const image = new Image();
    image.src = `data:image/png;base64,${data}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext('2d') as CanvasRenderingContext2D;
    context.drawImage(image, 0, 0);
    const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
    let most = 0;
    for (let i = 3; i < pixels.length; i += 4) most = Math.max(most, pixels[i] as number);
    return { corner: pixels[3] as number, most };
  }, png.toString('base64'));
}
