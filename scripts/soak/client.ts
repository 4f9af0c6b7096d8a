/**
 * The soak's hands and eyes: it sends interactions as Discord would (signed, over HTTP, to
 * the public URL, never retried: Discord does not retry an interaction; only a request no
 * server read, on a kept-alive connection closed as idle, goes again: post-as-discord), opens the links
 * people open, and follows the outbox to see what each person was told. Everything it sent
 * and how it was answered is kept for the invariants.
 */
import { Agent } from 'node:http';
import { postAsDiscord } from './post-as-discord';
import { snowflakeAt } from '../../shared/common';
import { interactionSigner, type InteractionSigner } from '../../shared/local/discord-signing';
import type { OutboxEntry } from '../../shared/local/discord/discord-outbox';
import type { DiscordMessage } from '../../shared/ports';
import type { TestCardKind } from '../../shared/local/stripe/test-cards';
import type { RefundAsked, SentInteraction, AddressTyped, DropListed, SaleSent } from './world';

// Kept here too: every traffic imports them with the client.
export { SoakRandom } from './random';
export { buttonsOf, cents, linkOf, textOf } from './message-text';

export const GUILD = '900000000000000001';
export const APPLICATION = '1100000000000000001';

export interface Person {
  id: string;
  name: string;
  /** Discord's permission bits as a decimal string: '8' for an admin. */
  permissions: string;
}

export interface Option {
  name: string;
  type: number;
  value?: string | number | boolean;
  options?: Option[];
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Where a paid checkout ships (the local Stripe's pay body; a default address when none is given). */
export interface ShippingBody {
  name: string;
  address: { line1: string; city: string; postal_code: string; state?: string; country: string };
}

/** A checkout the soak paid: its session, and the order it pays (a show checkout's session names no single order). */
export interface Paid {
  session: string;
  orderId?: string;
}

export class SoakClient {
  readonly sent: SentInteraction[] = [];
  /**
   * How long a person waits for what they are told (a deferred answer, a DM). Longer on
   * Google's Pub/Sub emulator, which pushes at most two messages at once per subscription
   * whatever the function's concurrency, so a burst of commands queues there as it would not in Pub/Sub.
   */
  answerTimeoutMs = 60_000;
  /** Whether Stripe's wider world (inquiries, failed refunds, fraud warnings, a failed payout, a revoked account: stripe-world.ts) joins the mix. */
  stripeWorld = false;
  /** Orders a traffic proves itself, when it is ready to (another traffic's proofs leave them alone). */
  readonly reserved = new Set<string>();
  /** Every `/c500 refund` sent, with what it asked: the invariants read Stripe's refunds against it. */
  readonly refundsAsked: RefundAsked[] = [];
  readonly addressesTyped: AddressTyped[] = [];
  /** The soak's own ledger of what it listed and sold: the invariants hold the product's records to it. */
  readonly dropsListed: DropListed[] = [];
  readonly salesSent: SaleSent[] = [];
  private readonly entries: OutboxEntry[] = [];
  private readonly byToken = new Map<string, OutboxEntry[]>();
  private seen = 0;
  private sequence = 0;
  private following: NodeJS.Timeout | undefined;
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 256 });
  private readonly sign: InteractionSigner;
  /**
   * How far the runtime's clock runs ahead of this one (`POST /_local/clock` moves it): an
   * interaction's id, whose time says when its token was issued, is made at the runtime's time.
   */
  clockOffsetMs = 0;
  /** Interactions on their way when the ingress was killed: Discord's request died with it, as a real crash loses it. */
  readonly cutByCrash: SentInteraction[] = [];
  private readonly inFlight = new Set<SentInteraction>();
  private readonly caughtInCrash = new Set<SentInteraction>();
  private ingressKilledAtMs = -Infinity;
  private runtimeDown = false;
  private readonly waitingForRuntime: Array<() => void> = [];

  constructor(
    /** The public URL (the ingress owns it). */
    readonly url: string,
    /** The runtime process's own address: local routes are read there, costing the ingress nothing. A runtime started again has a new one. */
    public runtimeUrl: string,
    privateKey: string,
  ) {
    this.sign = interactionSigner(privateKey);
  }

  follow(): void {
    const poll = async () => {
      await this.poll().catch(() => undefined);
      this.following = setTimeout(poll, 200);
    };
    void poll();
  }

  stop(): void {
    clearTimeout(this.following);
    this.agent.destroy();
  }

  // ---- sending --------------------------------------------------------------------------

  /** Sending waits on this while the runtime's clock moves: an interaction made just before the move would arrive with a token half an hour old. */
  private gate: Promise<unknown> = Promise.resolve();

  /** Holds every interaction until `during` is over. */
  async holdSending<T>(during: () => Promise<T>): Promise<T> {
    const done = during();
    this.gate = done.catch(() => undefined);
    return done;
  }

  /** Each interaction's id, and how far the runtime's clock was ahead when it was made. */
  private readonly madeAtOffset = new Map<string, number>();

  /**
   * Made before the clock moved and sent after: Discord issues an interaction as it sends
   * it, so it gets its id (its token's age) anew. A `/c500 refund` asked for keeps up.
   */
  private issueAgainIfMoved(interaction: { id: string }): void {
    const madeAt = this.madeAtOffset.get(interaction.id);
    this.madeAtOffset.delete(interaction.id);
    if (madeAt === undefined || madeAt === this.clockOffsetMs) return;
    const id = snowflakeAt(this.now(), ++this.sequence % 4_000_000);
    for (const asked of this.refundsAsked) if (asked.interactionId === interaction.id) asked.interactionId = id;
    interaction.id = id;
  }

  /** Now, by the runtime's clock (Discord's, in production). */
  now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  /** The ingress is about to be killed: whatever it is serving now dies with it. */
  ingressKilled(): void {
    for (const record of this.inFlight) this.caughtInCrash.add(record);
    this.ingressKilledAtMs = Date.now();
  }

  /** The runtime itself dies: everything in flight dies with it, and nothing answers until it is back. */
  runtimeKilled(): void {
    this.ingressKilled();
    this.runtimeDown = true;
  }

  /** Started again (its own address anew): what was sent meanwhile, or just before, died with it. */
  runtimeBack(runtimeUrl: string): void {
    this.runtimeUrl = runtimeUrl;
    this.runtimeDown = false;
    this.ingressKilledAtMs = Date.now();
    for (const wake of this.waitingForRuntime.splice(0)) wake();
  }

  private get outage(): boolean {
    return this.runtimeDown || Date.now() - this.ingressKilledAtMs < 5_000;
  }

  base(user: Person, channelId: string) {
    this.sequence++;
    const id = snowflakeAt(this.now(), this.sequence % 4_000_000);
    this.madeAtOffset.set(id, this.clockOffsetMs);
    return {
      id,
      token: `soak-${this.sequence}-${Math.random().toString(36).slice(2, 10)}`,
      application_id: APPLICATION,
      guild_id: GUILD,
      channel_id: channelId,
      member: { user: { id: user.id, username: user.name, global_name: user.name }, permissions: user.permissions },
    };
  }

  command(user: Person, channelId: string, name: string, options: Option[] = []) {
    return { ...this.base(user, channelId), type: 2, data: { name, options } };
  }

  /** `/c500 <sub> [<leaf>] key:value…`, each value typed as Discord types it. */
  c500(user: Person, channelId: string, path: string[], values: Record<string, string | number | boolean> = {}) {
    return this.slash(user, channelId, 'c500', path, values);
  }

  /** `/<name> <sub> [<leaf>] key:value…` (`/groupbuy start …`), each value typed as Discord types it. */
  slash(user: Person, channelId: string, name: string, path: string[], values: Record<string, string | number | boolean> = {}) {
    let options: Option[] = Object.entries(values).map(([name, value]) => ({
      name,
      value,
      type: typeof value === 'string' ? 3 : typeof value === 'boolean' ? 5 : 10,
    }));
    for (let i = path.length - 1; i >= 0; i--) options = [{ name: path[i] as string, type: i === path.length - 1 ? 1 : 2, options }];
    return this.command(user, channelId, name, options);
  }

  /** With `messageId`, the message the button is on, as Discord sends it (what an Erase button's 15 minutes are counted from). */
  press(user: Person, channelId: string, customId: string, messageId?: string) {
    return {
      ...this.base(user, channelId),
      type: 3,
      ...(messageId ? { message: { id: messageId, channel_id: channelId } } : {}),
      data: { custom_id: customId, component_type: 2 },
    };
  }

  /** A snowflake made now by the soak's clock: the id of a message shown now. */
  messageIdNow(): string {
    return snowflakeAt(this.now(), ++this.sequence % 4_000_000);
  }

  modal(user: Person, channelId: string, customId: string, fields: Record<string, string>) {
    return {
      ...this.base(user, channelId),
      type: 5,
      data: { custom_id: customId, components: Object.entries(fields).map(([id, value]) => ({ type: 1, components: [{ type: 4, custom_id: id, value }] })) },
    };
  }

  /** Sends one interaction; the answer's type and data, or undefined when it failed (kept as such). */
  async send(
    interaction: { id: string; token: string; member: { user: { id: string } } },
    what: string,
  ): Promise<{ type?: number; data?: DiscordMessage } | undefined> {
    await this.gate;
    this.issueAgainIfMoved(interaction);
    const body = JSON.stringify(interaction);
    const record: SentInteraction = {
      id: interaction.id,
      token: interaction.token,
      what,
      userId: interaction.member.user.id,
      status: 0,
      sentAtMs: Date.now(),
    };
    this.sent.push(record);
    this.inFlight.add(record);
    // Signed by the wall clock, which the ingress judges Discord's stamps by whatever the local clock says (a moved clock must not make them stale).
    const timestamp = Math.floor(Date.now() / 1000).toString();
    const headers = { ...this.sign(body, timestamp), 'content-length': Buffer.byteLength(body) };
    const answer = await postAsDiscord(`${this.url}/discord/interactions`, this.agent, headers, body, {
      mayResend: () => !this.outage && !this.caughtInCrash.has(record),
    });
    if (answer.failure !== undefined) record.failure = answer.failure;
    record.status = answer.status;
    if (answer.atMs !== undefined) record.answeredAtMs = answer.atMs;
    this.inFlight.delete(record);
    // Sent on a kept-alive connection to the dead ingress, before the runtime noticed: as lost as one it was serving.
    // Or it met the runtime started again, answering 503 until every route is served: the same outage.
    const cut = answer.status === 0 || (answer.status === 503 && this.outage);
    if (cut && (this.caughtInCrash.has(record) || this.outage)) {
      // Discord's request died with the ingress: the person saw "This interaction failed", an outage the report counts apart.
      this.sent.splice(this.sent.indexOf(record), 1);
      this.cutByCrash.push(record);
    }
    this.caughtInCrash.delete(record);
    if (answer.status !== 200) return undefined;
    const json = JSON.parse(answer.text) as { type?: number; data?: DiscordMessage };
    if (json.type !== undefined) record.responseType = json.type;
    // What the person saw at once (a message, or the message it replaced): pings and words are read from it too.
    if ((json.type === 4 || json.type === 7) && json.data) record.answer = json.data;
    return json;
  }

  /** Sends and waits for what the person is told: the answer itself, or the edit of a deferred one. */
  async ask(
    interaction: { id: string; token: string; member: { user: { id: string } } },
    what: string,
    timeoutMs = this.answerTimeoutMs,
  ): Promise<DiscordMessage | undefined> {
    const first = await this.send(interaction, what);
    if (!first) return undefined;
    if (first.type !== 5 && first.type !== 6) return first.data;
    return (await this.answerOf(interaction.token, timeoutMs))?.message;
  }

  // ---- what people were told ------------------------------------------------------------

  async poll(): Promise<void> {
    const { entries } = (await (await fetch(`${this.runtimeUrl}/_local/outbox?after=${this.seen}`)).json()) as { entries: OutboxEntry[] };
    for (const entry of entries) {
      if (entry.seq <= this.seen) continue;
      this.seen = entry.seq;
      this.entries.push(entry);
      if (entry.interactionToken) this.byToken.set(entry.interactionToken, [...(this.byToken.get(entry.interactionToken) ?? []), entry]);
    }
  }

  /** The latest edit of an interaction's answer, once there is one. */
  async answerOf(token: string, timeoutMs = this.answerTimeoutMs): Promise<OutboxEntry | undefined> {
    return this.waitFor(() => this.byToken.get(token)?.at(-1), timeoutMs);
  }

  /** The first outbox entry after `fromSeq` that `match` accepts. */
  async entry(match: (e: OutboxEntry) => boolean, fromSeq = 0, timeoutMs = this.answerTimeoutMs): Promise<OutboxEntry | undefined> {
    return this.waitFor(() => this.entries.find((e) => e.seq > fromSeq && match(e)), timeoutMs);
  }

  entriesSince(fromSeq: number): OutboxEntry[] {
    return this.entries.filter((e) => e.seq > fromSeq);
  }

  get lastSeq(): number {
    return this.seen;
  }

  private async waitFor<T>(find: () => T | undefined, timeoutMs: number): Promise<T | undefined> {
    for (const until = Date.now() + timeoutMs; Date.now() < until; await pause(100)) {
      const found = find();
      if (found !== undefined) return found;
    }
    return find();
  }

  // ---- the parties' other doors ------------------------------------------------------------

  /** A POST to a local stand-in route (pay, expire, refund, a dispute, a sale), with a JSON body when given; its JSON answer. */
  /**
   * A call to a stand-in's local route (a shop's sale, a payment, a refund), as the outside party
   * makes it: one the runtime's death cut off is made again once it is back, as a shop
   * redelivers its webhook and a buyer presses Pay again.
   */
  async local(path: string, method: 'GET' | 'POST' = 'POST', body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
    for (let attempt = 1; ; attempt++) {
      const answer = await this.localOnce(path, method, body);
      if (answer.status !== 0 || !this.outage || attempt >= 5) return answer;
      if (this.runtimeDown) await new Promise<void>((resolve) => this.waitingForRuntime.push(resolve));
      else await pause(1_000);
    }
  }

  private async localOnce(path: string, method: 'GET' | 'POST', body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
    try {
      const res = await fetch(`${this.url}${path}`, {
        method,
        signal: AbortSignal.timeout(60_000),
        ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
      });
      const text = await res.text();
      let answer: Record<string, unknown> = {};
      try {
        answer = JSON.parse(text) as Record<string, unknown>;
      } catch {
        answer = { text: text.slice(0, 200) };
      }
      return { status: res.status, body: answer };
    } catch (error) {
      return { status: 0, body: { error: error instanceof Error ? error.message : String(error) } };
    }
  }

  /**
   * A group buy's buyer on their pledge's pay page (`/groupbuy/<id>?pay=…`): Pay pressed, then the
   * bank's step on the local Stripe's page passed (`complete`) or failed. Whether the bank's page
   * took the answer (false: the page did not send them there, or the runtime was down).
   */
  async payPledge(payPage: string, outcome: 'complete' | 'fail'): Promise<boolean> {
    try {
      const pressed = await fetch(payPage, { method: 'POST', redirect: 'manual', signal: AbortSignal.timeout(60_000) });
      const bank = pressed.headers.get('location');
      if (pressed.status !== 303 || !bank) return false;
      const answered = await fetch(`${bank}?outcome=${outcome}`, {
        method: 'POST',
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(60_000),
      });
      return answered.status === 200;
    } catch {
      return false;
    }
  }

  /**
   * The buyer pays a checkout, every traffic's one way to: the session's order comes back
   * from Stripe's answer (`client_reference_id`). Shipping, once checkouts ask for an
   * address, is this one place's to send. A `card` other than one that works is a Stripe test
   * card's behaviour (test-cards): saved on a setup page, it shows when charged off session.
   */
  async pay(session: string, shipping?: ShippingBody & { builderId: string }, card?: TestCardKind): Promise<Paid | undefined> {
    const { builderId, ...typed } = shipping ?? { builderId: '' };
    if (shipping) this.addressesTyped.push({ session, builderId, line1: shipping.address.line1 });
    const body = shipping || card ? { ...(shipping ? { shipping: typed } : {}), ...(card ? { card } : {}) } : undefined;
    const answer = await this.local(`/_local/stripe/sessions/${session}/pay`, 'POST', body);
    // The answer can be lost while Stripe took the payment (a process killed mid-request, as a buyer's tab
    // closes after paying): then Stripe's own list of sessions says whether it was paid.
    const paid = answer.status === 200 ? ((answer.body.session ?? {}) as StripeSessionSeen) : await this.sessionIfPaid(session);
    if (!paid) return undefined;
    const orderId = paid.client_reference_id;
    return { session, ...(orderId ? { orderId } : {}) };
  }

  private async sessionIfPaid(session: string): Promise<StripeSessionSeen | undefined> {
    const listed = await this.local('/_local/stripe/sessions', 'GET');
    const found = ((listed.body.sessions ?? []) as StripeSessionSeen[]).find((s) => s.id === session);
    // A setup page's session pays nothing: complete, the card was saved.
    return found?.payment_status === 'paid' || (found?.status === 'complete' && found.payment_status === 'no_payment_required') ? found : undefined;
  }

  /** A merch sale the shop's stand-in delivered: kept once, however often it was delivered. */
  sold(sale: SaleSent): void {
    if (!this.salesSent.some((s) => s.shop === sale.shop && s.saleId === sale.saleId)) this.salesSent.push(sale);
  }

  /** `/c500 refund` as `user`, kept with what it asked; `twice` sends the very same interaction again, as a redelivery would. */
  async refund(user: Person, channelId: string, orderId: string, amount?: number, twice = false): Promise<DiscordMessage | undefined> {
    const interaction = this.c500(user, channelId, ['refund'], { order: orderId, ...(amount !== undefined ? { amount } : {}) });
    this.refundsAsked.push({ interactionId: interaction.id, orderId, ...(amount !== undefined ? { amountCents: Math.round(amount * 100) } : {}) });
    const first = this.ask(interaction, '/c500 refund');
    if (!twice) return first;
    const again = this.ask(interaction, '/c500 refund (again)');
    return (await Promise.all([first, again]))[0];
  }
}

/** A Checkout Session as the local Stripe lists it, as far as the soak reads it. */
interface StripeSessionSeen {
  id?: string;
  status?: string;
  payment_status?: string;
  client_reference_id?: string | null;
}

export { pause };
