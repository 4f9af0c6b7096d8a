/**
 * @module privacy-page
 * `/privacy` and `/terms`, made from the table of kept data: what is kept, why, for how long,
 * who sees it, what goes to Stripe, Discord and Twitch, and how a member exports or erases it.
 * `scripts/privacy-pages.ts` writes them to `web/`; a test holds the files to this.
 */
import { keptDocuments } from './kept-data';
import type { ErasureEffect, KeptDocument, Recipient } from './kept-data-types';
import { recipients } from './kept-data-types';
import { escapeHtml, sitePageHtml } from './site-layout';

const onErasureWords: Record<ErasureEffect, string> = {
  erased: 'erased at once',
  'name-removed': 'your name is removed; the record stays under your id alone',
  'kept-while-open': 'kept under your id alone while it is open, then erased by the sweep',
  'kept-by-law': 'kept as a payment record for the period the law sets',
};

const whatEachServiceGets: Record<Recipient, string> = {
  Discord:
    'Discord is where C500 lives: your Discord id and names come from Discord, and the messages, cards and DMs C500 sends (with the names they show) go through Discord. Signing in to the dashboard uses Discord, which tells C500 who you are and which servers you admin.',
  Stripe:
    "Stripe takes every payment and pays every builder. It collects your card and your shipping address at checkout; C500 receives the address to pass to the order's builder, never your card. A builder's bank details stay with Stripe. When a payment is disputed, C500 sends Stripe the order's evidence (your name, address and the parcel's tracking).",
  Twitch:
    "A builder who links Twitch signs in there; C500 keeps the channel's id and login to check they are live, and asks Twitch for a clip of the stream as proof of work. A chat bidder's Twitch login and id come from the channel's chat.",
};

function factRows(document: KeptDocument): string {
  return document.facts
    .map(
      (fact) => `            <tr>
              <td>${escapeHtml(fact.what)}</td>
              <td>${escapeHtml(fact.purpose)}</td>
              <td>${escapeHtml(fact.seenBy.length ? fact.seenBy.join(', ') : "C500's operators only")}</td>
              <td>${escapeHtml(fact.keptFor)}</td>
              <td>${escapeHtml(onErasureWords[fact.onErasure])}</td>
            </tr>`,
    )
    .join('\n');
}

function documentSection(document: KeptDocument): string {
  return `        <h3>${escapeHtml(capitalised(document.about))}</h3>
        <table>
          <thead><tr><th scope="col">What</th><th scope="col">Why</th><th scope="col">Who sees it</th><th scope="col">How long</th><th scope="col">If you erase your data</th></tr></thead>
          <tbody>
${factRows(document)}
          </tbody>
        </table>`;
}

function serviceSection(service: Recipient): string {
  const documents = keptDocuments.filter((document) => document.sharedWith.includes(service)).map((document) => document.about);
  return `        <h3>${service}</h3>
        <p>${escapeHtml(whatEachServiceGets[service])}</p>
        <p>Records that involve ${service}: ${escapeHtml(documents.join('; '))}.</p>`;
}

export function privacyPageHtml(): string {
  const body = `        <p class="eyebrow">Privacy</p>
        <h1>What C500 keeps about you</h1>
        <p class="lede">C500 keeps what it needs to sell, pay and deliver, for as long as that takes, and the records of payments the law makes us keep. Everything below is made from the same table the code is tested against.</p>

        <h2>See or erase your data</h2>
        <p>Type <code>/c500 privacy</code> in any server with C500, or in a DM to the bot. It tells you in a few lines what C500 holds about you, with two buttons: <strong>Download my data</strong> opens the dashboard's <a href="/dashboard/me">Your data</a> page (sign in with Discord), which gives you everything below that is about you as JSON; <strong>Erase me</strong> asks you to confirm, then erases everything it may at once. The dashboard's Your data page has the same two buttons.</p>
        <p>What the law or an open obligation keeps is said plainly when you erase: the record of a payment, an order not yet delivered, refunded or closed, an open dispute, your place in a builder's queue, a wallet with money in it. It is kept under your Discord id alone, without your name, and erased when it ends, without a second request.</p>
        <p>When a server's admin removes C500 with <code>/c500 leave</code>, the data of that server's members is erased after 30 days, keeping what the law keeps.</p>

        <h2>What is kept, why, who sees it and for how long</h2>
${keptDocuments.map(documentSection).join('\n')}

        <h2>What goes to Stripe, Discord and Twitch</h2>
${recipients.map(serviceSection).join('\n')}

        <h2>Security</h2>
        <p>Data is kept in Google Cloud (Firestore), encrypted at rest. Logs carry no personal data. Your shipping address is seen by your order's builder alone, and erased 90 days after you confirm receipt.</p>
        <p>Questions about your data: ask in the server where you use C500, or run <code>/c500 privacy</code>. See also the <a href="/terms">terms</a>.</p>`;
  return sitePageHtml({
    path: '/privacy',
    title: 'Privacy: what C500 Collective keeps',
    description: 'What C500 keeps about you, why, who sees it, how long, what goes to Stripe, Discord and Twitch, and how to export or erase it.',
    body,
  });
}

export function termsPageHtml(): string {
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
        <p>What C500 keeps, why and for how long is on the <a href="/privacy">privacy page</a>. You can download or erase it yourself with <code>/c500 privacy</code>.</p>

        <h2>Discord, Stripe and Twitch</h2>
        <p>Using C500 also means using Discord, Stripe and Twitch under their own terms.</p>`;
  return sitePageHtml({
    path: '/terms',
    title: 'Terms of use: C500 Collective',
    description: 'The terms of C500 Collective: buying, bidding, selling and servers.',
    body,
  });
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The pages as files under `web/`. */
export function privacyPages(): Record<'privacy.html' | 'terms.html', string> {
  return { 'privacy.html': privacyPageHtml(), 'terms.html': termsPageHtml() };
}
