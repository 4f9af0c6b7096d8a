/**
 * @module local-authorize-page
 * The consent page of a local stand-in for an OAuth provider (Twitch, Discord): the query's
 * OAuth parameters carried through the form unchanged, the fields that say who to sign in
 * as, Authorize and Cancel. Each stand-in names its own fields; the page is one.
 */
import { escapeHtml, page as layoutPage } from '../common';

export interface LocalAuthorizePage {
  /** The provider's name as the page says it: "Twitch", "Discord". */
  provider: string;
  title: string;
  heading: string;
  lede: string;
  /** Where the form goes back to: the stand-in's authorize route. */
  action: string;
  /** The OAuth parameters the form carries, as the provider's authorize URL took them. */
  carried: readonly string[];
  params: Readonly<Record<string, string>>;
  /** Said above the form (the scopes asked), as HTML. */
  above?: string;
  /** The form's own fields, as HTML. */
  fields: string;
}

export function localAuthorizePage(page: LocalAuthorizePage): string {
  const hidden = page.carried
    .filter((k) => page.params[k] !== undefined)
    .map((k) => `<input type="hidden" name="${k}" value="${escapeHtml(page.params[k] as string)}">`)
    .join('\n        ');
  return layoutPage(
    { title: page.title, site: `local ${page.provider}`, standIn: page.provider },
    `  <main id="main">
    <section class="lost">
      <div class="wrap">
        <h1>${page.heading}</h1>
        <p class="lede">${page.lede}</p>${page.above ? `\n        ${page.above}` : ''}
        <form method="get" action="${page.action}">
        ${hidden}
        ${page.fields}
        <div class="actions">
          <button class="button" type="submit">Authorize</button>
          <button class="button secondary" type="submit" name="deny" value="1" formnovalidate>Cancel</button>
        </div>
        </form>
      </div>
    </section>
  </main>`,
  );
}
