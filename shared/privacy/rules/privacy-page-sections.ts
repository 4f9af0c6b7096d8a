/**
 * @module privacy-page-sections
 * The privacy page's prose: who answers for the data and how to reach them, every right and
 * how to use it, and who else receives the data, in what role, and where it goes. Written for
 * a member and a regulator alike: plain words, each claim one the code or the table bears out.
 */
import type { DataController } from '../../config';
import { keptDocuments } from './kept-data';
import type { Recipient } from './kept-data-types';
import { paymentRecord } from './kept-data-words';
import { escapeHtml } from '../../common';

/** The contact as a link: an email address gets `mailto:`, a URL is linked as it is. */
export function contactLink(controller: DataController): string {
  const href = controller.contact.includes('@') && !controller.contact.startsWith('https://') ? `mailto:${controller.contact}` : controller.contact;
  return `<a href="${escapeHtml(href)}">${escapeHtml(controller.contact)}</a>`;
}

export function controllerSection(controller: DataController): string {
  const address = controller.address ? `, ${escapeHtml(controller.address)}` : '';
  const placeholder = controller.placeholder
    ? `
        <p class="callout"><strong>This copy of C500 runs locally.</strong> The controller, the contact and the representative in the EU on this page are placeholders: they name nobody and reach no one. A deployment names its own (<code>C500_CONTROLLER_NAME</code>, <code>C500_PRIVACY_CONTACT</code>, <code>C500_EU_REPRESENTATIVE</code>) and will not start without them.</p>`
    : '';
  return `        <h2 id="controller">Who is responsible for your data</h2>
        <p>The controller of the personal data C500 keeps, who decides why and how it is kept and answers for it, is <strong>${escapeHtml(controller.name)}</strong>${address}.</p>
        <p>To ask anything about your data, or to use any of the rights below: ${contactLink(controller)}.</p>${placeholder}`;
}

/** Every right a member has over their data, each with how to use it here. */
export function rightsSection(controller: DataController): string {
  const contact = contactLink(controller);
  return `        <h2 id="rights">Your rights, and how to use them</h2>
        <p>Using any of these rights is free.</p>

        <h3>See your data and take it with you</h3>
        <p>Type <code>/c500 privacy</code> in any server with C500, or in a DM to the bot. It tells you in a few lines what C500 holds about you, with two buttons: <strong>Download my data</strong> opens the dashboard's <a href="/dashboard/me">Your data</a> page (sign in with Discord), whose <a href="/dashboard/me/export">Download</a> gives you everything below that is about you as a JSON file you can keep or take elsewhere; <strong>Erase me</strong> is below. The dashboard's Your data page has the same two buttons.</p>
        <p>If you bid from a Twitch channel's chat and have no Discord account linked, type <code>!privacy</code> in the chat of a channel where C500 takes bids, and follow the link it answers with.</p>

        <h3>Correct your data</h3>
        <p>Your names come from Discord and Twitch: C500 copies the one you use at the moment you act (a bid, an order, an entry). Change it there, and what you do next carries the new one. To correct anything else, or a name already on a record, write to ${contact}.</p>

        <h3>Erase your data</h3>
        <p>Press <strong>Erase me</strong> (under <code>/c500 privacy</code>, or on Your data) and confirm: everything C500 may erase goes at once, and you are taken out of every auction still live. You may ask again at any time: anything you did since your last erasure (a bid, a purchase, an entry, a sign-in) is searched for and erased; asked again within ten minutes with nothing done since, you are told so and nothing is searched.</p>
        <p>What the law or an open obligation keeps is said plainly when you erase. The record of a payment is kept ${escapeHtml(paymentRecord)}. An order not yet delivered, refunded or closed, an open dispute, your place in a builder's queue and a wallet with money in it are kept until they end, then erased without a second request. Both are kept under your Discord id alone, without your name.</p>
        <p>When a server's admin removes C500 with <code>/c500 leave</code>, the data of that server's members is erased after 30 days, keeping what the law keeps.</p>

        <h3>Restrict or object</h3>
        <p>You may ask C500 to stop using your data while a correction or an objection is looked at, and you may object to any use whose basis below is a legitimate interest. Write to ${contact}: C500 then stops, unless it has compelling grounds that override yours, such as defending a payment or a legal claim.</p>
        <p>An auction won and left unpaid is a strike, and enough strikes stop a bidder from bidding in C500's auctions: this follows from the unpaid wins alone. A server's admins may also block a bidder in their server (<code>/c500 block</code>) and lift it (<code>/c500 unblock</code>). If you think a strike, a ban or a block is wrong, ask the server's admins or write to ${contact}, and a person looks at it again.</p>

        <h3>Withdraw your consent</h3>
        <p>Where C500 relies on consent, you may withdraw it at any time, as easily as you gave it; what was done before stays lawful. A streamer who let C500 take bids from their channel's chat turns it off with <code>/c500 chat-bidding off</code>. A builder who linked Twitch can unlink it with the link C500 gave when linking (it works for a day), by erasing their data, or by removing C500 in Twitch's Settings → Connections, which ends its access.</p>

        <h3>Complain</h3>
        <p>You may complain to a data protection supervisory authority, in particular in the country where you live, where you work, or where you think the law was broken: in the EU, your country's data protection authority; in the UK, the Information Commissioner's Office. You need not write to us first, though we would like the chance to put things right.</p>

        <h3>When you will hear back</h3>
        <p>Within one month of your request. A request that is complex, or one of many, may take up to two months more: you are then told so, and why, within the first month.</p>`;
}

const whatEachServiceGets: Record<Recipient, string> = {
  Discord:
    'Discord is where C500 lives: your Discord id and names come from Discord, and the messages, cards and DMs C500 sends (with the names they show) go through Discord. Signing in to the dashboard uses Discord, which tells C500 who you are and which servers you admin. Discord is a controller in its own right of everything on its platform, under its own privacy policy: C500 does not decide what Discord keeps.',
  Stripe:
    "Stripe takes every payment and pays every builder. It collects your card and your shipping address at checkout; C500 receives the address to pass to the order's builder, never your card. A builder's bank details stay with Stripe. When a payment is disputed, C500 sends Stripe the order's evidence (your name, address and the parcel's tracking). For what C500 asks of it on C500's account (checkouts, transfers, refunds, the ids in their metadata) Stripe acts for C500; for what it must do as a payment company (checking for fraud, meeting the law on money laundering, keeping its own records) it is a controller in its own right, under its own privacy policy.",
  Twitch:
    "A builder who links Twitch signs in there; C500 keeps the channel's id and login to check they are live, and asks Twitch for a clip of the stream as proof of work. A chat bidder's Twitch login and id come from the channel's chat, and C500's answers are posted there. Twitch is a controller in its own right of everything on its platform, under its own privacy notice.",
  EasyPost:
    "When a builder buys a shipping label with `/c500 ship`, C500 sends EasyPost (the carriers' API it buys labels through) the order's shipping address, the builder's name and ship-from address, the parcel, and for a parcel crossing a border the customs form (what it is, its value and where it was made). EasyPost and the carrier print them on the label and use them to deliver the parcel and report its tracking. For the labels C500 buys EasyPost acts for C500, under its data processing terms; the carrier that delivers the parcel is a controller in its own right.",
};

function serviceSection(service: Recipient): string {
  const documents = keptDocuments.filter((document) => document.sharedWith.includes(service)).map((document) => document.about);
  return `        <h3>${service}</h3>
        <p>${escapeHtml(whatEachServiceGets[service])}</p>
        <p>Records that involve ${service}: ${escapeHtml(documents.join('; '))}.</p>`;
}

/** Who else receives personal data, in what role, and where it may go. */
export function servicesSection(): string {
  return `        <h2 id="services">Who else receives your data, and where it goes</h2>
        <p>C500 sells nothing about you and shares it with nobody for advertising. It runs on the services below.</p>
${(['Discord', 'Stripe', 'Twitch', 'EasyPost'] as const).map(serviceSection).join('\n')}
        <h3>Google Cloud</h3>
        <p>Google runs C500 for it, as its processor: the functions (Cloud Functions and Cloud Run), the records in the tables above (Firestore), the work handed between functions (Pub/Sub and Cloud Tasks), the logs and traces (Cloud Logging and Cloud Trace) and C500's own secrets (Secret Manager). Under Google's Cloud Data Processing Addendum, Google may use the data only to provide these services to C500.</p>
        <h3>Upstash</h3>
        <p>Upstash runs the Redis databases that hold live auctions and the chat lines waiting to be posted (see Other stores), as C500's processor, under its data processing agreement.</p>
        <h3>Transfers outside Europe</h3>
        <p>Discord, Stripe, Twitch, EasyPost, Google and Upstash are based in the United States or belong to groups that are, and your data may be processed there. C500's deployment files place its functions and records in the United States unless the operator chooses other regions (functions in us-central1, Firestore in the nam5 multi-region). Where personal data of people in the EEA, the UK or Switzerland goes to the United States, it goes under the EU–US Data Privacy Framework (with its UK and Swiss extensions) where the recipient is certified under it, or under the European Commission's Standard Contractual Clauses in the recipient's data processing terms. Discord, Stripe and Twitch set out the safeguards for what they hold as controllers in their own privacy policies.</p>`;
}
