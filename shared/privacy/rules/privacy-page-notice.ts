/**
 * @module privacy-page-notice
 * The privacy page's answers to the points of GDPR Art. 13 the table cannot give by itself:
 * whether a person must give their data and what follows if not (13(2)(e)); the decisions
 * C500 makes about a person automatically, their logic and how to contest them (13(2)(f),
 * Art. 22); a data protection officer and a representative in the EU (13(1)(b), Art. 27); the
 * cookies; and how to obtain a copy of the safeguards for transfers outside the EEA (13(1)(f)).
 * Each claim is one the code bears out (the cookie's name, the request logs' period).
 */
import type { DataController } from '../../config';
import { contactLink } from './privacy-page-sections';
import { escapeHtml } from '../../common';

/** Art. 13(2)(e): what is required, by whom, and what follows from not giving it. */
export function requiredSection(): string {
  return `        <h2 id="required">Must you give your data, and what if you do not</h2>
        <p>No law obliges you to give C500 anything. What C500 asks for is what it needs to do what you ask of it, under its contract with you:</p>
        <ul>
          <li><strong>Your Discord id and name</strong> come with every command and button you use. Without them C500 cannot act for you: not using it is the only way not to give them.</li>
          <li><strong>To buy</strong>, Stripe collects your card and your shipping address at checkout. Without them there is no order; nothing else changes.</li>
          <li><strong>To sell</strong>, a builder connects a Stripe account (Stripe itself asks what the law on payments requires of it) and links their Twitch channel to prove work live. Without the account they cannot be paid; without the channel they cannot prove work, so their buyers' money is not released.</li>
          <li><strong>To bid from Twitch chat</strong>, a chatter signs in with Twitch once. Without it their chat bids are not taken; bidding in Discord stays open to them.</li>
        </ul>
        <p>Once a payment is made, the law on tax and accounting obliges C500 to keep its record for the period the table below gives, whatever else you ask.</p>`;
}

/** Art. 13(2)(f) and Art. 22: the decisions made about a person with no person deciding, and how to contest them. */
export function automatedSection(controller: DataController): string {
  const contact = contactLink(controller);
  return `        <h2 id="automated">Decisions made about you automatically</h2>
        <p>Two decisions about you are made by C500 on its own, with no person deciding. Each stops you from bidding or buying; neither is profiling, and neither uses anything but what is said here.</p>
        <ul>
          <li><strong>A block after a dispute.</strong> When you dispute a payment with your bank or card issuer (a chargeback), C500 blocks you from bidding, buying and entering giveaways on the server where you bought, at once, so one person is not sold more on credit they have taken back. You are told why, in those words. The block lasts until a server admin lifts it (<code>/c500 unblock</code>); it is erased with your data when you erase yourself, and it is in your download.</li>
          <li><strong>A ban after unpaid wins.</strong> An auction you win and do not pay is a strike, and the item goes to the next bidder; at the number of strikes the deployment sets you can no longer bid in C500's auctions. You are told at each strike how many you have.</li>
        </ul>
        <p>Both are needed to run auctions and sales with the people who pay (Art. 22(2)(a)). You have the right to have a person look at either again, to say your side, and to contest it: ask the server's admins, who can lift a block, or write to ${contact}. A person then decides, and tells you why.</p>`;
}

/** Art. 13(1)(b) and Art. 27: who answers as a data protection officer would, and the EU representative. */
export function officerSection(controller: DataController): string {
  return `        <h2 id="dpo">Data protection officer and representative in the EU</h2>
        <p>C500 has appointed no data protection officer: the GDPR requires one of public bodies and of those whose core work is watching people on a large scale or handling special kinds of data (Art. 37), and C500 is neither. Every question you would put to one goes to ${contactLink(controller)}, and is answered by the person responsible.</p>
        <p>The controller's representative in the EU (Art. 27) is <strong>${escapeHtml(controller.euRepresentative)}</strong>. You may ask them, instead of the controller, anything about your data or this page, and use any of your rights through them; a supervisory authority may reach the controller through them too.</p>`;
}

/** The cookies, and the request logs' IP addresses: what a browser holds and what the servers note. */
export function cookiesSection(): string {
  return `        <h2 id="cookies">Cookies, and the addresses in request logs</h2>
        <p>C500 sets one cookie, <code>__session</code>, and only when you sign in: to the dashboard with Discord, or on the chat privacy page with Twitch. It holds a signed sign-in in progress or the id of your session, is sent to C500 alone (<code>HttpOnly</code>, <code>SameSite=Lax</code>, <code>Secure</code>), and lasts as long as that sign-in or session (see the dashboard's sessions in the table above); signing out or erasing yourself ends it. It is strictly necessary for what you asked, so it needs no consent. There are no advertising or analytics cookies, and no other site's scripts.</p>
        <p>Google's servers log every request made to C500's pages and functions: the page's address (a public page's may hold a builder's Discord id, a link its signed token), your IP address and browser, the status and how long it took. C500 reads them to find faults and stop abuse, under its legitimate interest in a running and secure service; they are deleted after 30 days, and nothing ties an IP address to your id (see "Other stores").</p>`;
}

/** Art. 13(1)(f): how to obtain a copy of the safeguards for data sent outside the EEA. */
export function safeguardsParagraph(controller: DataController): string {
  return `        <p>To see the safeguards, read the European Commission's Standard Contractual Clauses (<a href="https://commission.europa.eu/publications/standard-contractual-clauses-international-transfers_en">published by the Commission</a>) and each recipient's certification on the <a href="https://www.dataprivacyframework.gov/list">Data Privacy Framework list</a>; for a copy of the clauses as signed with a recipient, write to ${contactLink(controller)}, and you will have it within one month (a copy may leave out what is commercially confidential, and says so).</p>`;
}
