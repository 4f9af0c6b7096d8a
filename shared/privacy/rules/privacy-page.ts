/**
 * @module privacy-page
 * `/privacy` and `/terms`, made from the table of kept data: who answers for the data and how
 * to reach them, every right and how to use it, whether giving data is required, the decisions
 * made automatically, what is kept, why, on what legal basis, who sees it and for how long,
 * what the other stores hold, the cookie and request logs, and who else receives it and where,
 * with how to obtain the safeguards: every point of GDPR Art. 13 (privacy-page-notice).
 * `scripts/privacy-pages.ts` writes them to `web/` with the local placeholders (a test holds the
 * files to this); `npm run hosting:config` and the local runtime write them with the
 * deployment's controller.
 */
import type { DataController } from '../../config';
import { contactLink, controllerSection, rightsSection, servicesSection } from './privacy-page-sections';
import { keptTableHtml, storesTableHtml } from './privacy-page-tables';
import { automatedSection, cookiesSection, officerSection, requiredSection, safeguardsParagraph } from './privacy-page-notice';
import { escapeHtml, sitePageHtml, sitePageSource, type SitePage } from '../../common';

export function privacyPageHtml(controller: DataController): string {
  return sitePageHtml(privacySitePage(controller));
}

export function termsPageHtml(controller: DataController): string {
  return sitePageHtml(termsSitePage(controller));
}

function privacySitePage(controller: DataController): SitePage {
  const body = `        <p class="eyebrow">Privacy</p>
        <h1>What C500 keeps about you</h1>
        <p class="lede">C500 keeps what it needs to sell, pay and deliver, for as long as that takes, and the records of payments the law makes it keep. Everything below is made from the same table the code is tested against.</p>
        <p>On this page: <a href="#controller">who is responsible</a> · <a href="#dpo">data protection officer</a> · <a href="#rights">your rights</a> · <a href="#required">must you give it</a> · <a href="#automated">automatic decisions</a> · <a href="#what-is-kept">what is kept</a> · <a href="#other-stores">other stores</a> · <a href="#cookies">cookies and request logs</a> · <a href="#services">who else receives it</a> · <a href="#security">security</a></p>

${controllerSection(controller)}

${officerSection(controller)}

${rightsSection(controller)}

${requiredSection()}

${automatedSection(controller)}

        <h2 id="what-is-kept">What is kept, why, on what basis, who sees it and for how long</h2>
        <p>Each row is one kind of fact; "On" names the records that hold it. C500's operators can see every record, to run the service and answer for it; "Who sees it" names everyone else. The legal basis is the ground in the GDPR that allows keeping it; where a payment's record is kept after its use, it says that too.</p>
${keptTableHtml()}

        <h2 id="other-stores">Other stores</h2>
        <p>Beside the records above, these hold or carry something about people for a while. Most cannot be erased the way a record is; each row says what your erasure does there.</p>
${storesTableHtml()}

${cookiesSection()}

${servicesSection()}
${safeguardsParagraph(controller)}

        <h2 id="security">Security</h2>
        <p>Records are kept in Google Cloud (Firestore), encrypted at rest; every token kept for a person is sealed with a key of C500's own before it is stored. Logs and traces carry a keyed hash of a person's id, never the id, a name or an address; request logs carry IP addresses, and are deleted after 30 days. Your shipping address is seen by your order's builder alone, and erased 90 days after you confirm receipt.</p>
        <p>Questions about your data: ${contactLink(controller)}. See also the <a href="/terms">terms</a>.</p>`;
  return {
    path: '/privacy',
    title: 'Privacy: what C500 Collective keeps',
    description:
      'Who is responsible for your data, your rights and how to use them, what C500 keeps, why, on what basis, who sees it and for how long, and who else receives it.',
    body: prose(body),
  };
}

function termsSitePage(controller: DataController): SitePage {
  const body = `        <p class="eyebrow">Terms</p>
        <h1>Terms of use</h1>
        <p class="lede">C500 Collective is a marketplace inside Discord for keyboard builders who build live on Twitch. Using it means agreeing to these terms.</p>

        <h2>Buying and bidding</h2>
        <p>A bid is a promise to pay if you win. A winner who does not pay loses the item to the runner-up, and a server may hold members who do not pay to a limit. Payments are taken by Stripe; C500 holds a builder's money until they prove the work live on their linked Twitch channel.</p>

        <h2>Selling</h2>
        <p>Builders are paid through Stripe Connect, and must ship what they sell to the address the order names, with a tracking link. C500 keeps a platform fee, shown before each sale. Refunds and disputes follow Stripe's rules; what a builder owes after one is netted against their next releases.</p>

        <h2>Servers</h2>
        <p>A server's admins configure C500 and may remove it with <code>/c500 leave</code>; its members' data is then erased after 30 days, except what the law keeps.</p>

        <h2>Your data</h2>
        <p>What C500 keeps, why and for how long is on the <a href="/privacy">privacy page</a>. You can download or erase it yourself with <code>/c500 privacy</code>. The controller of your data is ${escapeHtml(controller.name)}; questions: ${contactLink(controller)}.</p>

        <h2>Discord, Stripe and Twitch</h2>
        <p>Using C500 also means using Discord, Stripe and Twitch under their own terms.</p>`;
  return {
    path: '/terms',
    title: 'Terms of use: C500 Collective',
    description: 'The terms of C500 Collective: buying, bidding, selling and servers.',
    body: prose(body),
  };
}

/** The pages as files under `web/` (or Hosting's copy of it) hold them, naming the given controller: the site's layout dresses them where they are served. */
export function privacyPages(controller: DataController): Record<'privacy.html' | 'terms.html', string> {
  return { 'privacy.html': sitePageSource(privacySitePage(controller)), 'terms.html': sitePageSource(termsSitePage(controller)) };
}

/** A page of running text, as the site sets one. */
function prose(body: string): string {
  return `    <section class="section">
      <div class="wrap prose">
${body}
      </div>
    </section>`;
}
