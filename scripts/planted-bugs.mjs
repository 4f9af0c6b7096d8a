// The bugs `npm run soak:planted` plants, one at a time, each with the soak invariant that
// must catch it. The first seven are the kinds an outside review planted and the soak once
// passed with every invariant held (it compared the product's records with themselves); the
// rest are the kinds it always caught. Each edit names a line of the product exactly: when
// the code moves, the harness says which edit no longer applies.

const proveOrder = 'shared/live/use-cases/prove-order.ts';
const release = '  const { transferId } = await deps.payments.createTransfer({';

export const plantedBugs = [
  {
    name: 'release-skipped',
    what: 'a third of proved orders never released, the builder told "released"',
    caughtBy: '"released" only when Stripe made the transfer',
    edits: [
      {
        file: proveOrder,
        find: release,
        replace:
          '  const { transferId } = order.orderId.charCodeAt(1) % 3 === 0 ? { transferId: `tr_planted_${order.orderId}` } : await deps.payments.createTransfer({',
      },
    ],
  },
  {
    name: 'expiry-keeps-unit',
    what: 'an expired checkout keeps its unit',
    caughtBy: 'stock never negative, never oversold',
    edits: [
      {
        file: 'shared/marketplace/use-cases/release-reservation.ts',
        find: '    if (returnsStock) giveUnitBack(tx, drop, order);',
        replace: "    if (returnsStock && order.orderId === '') giveUnitBack(tx, drop, order);",
      },
    ],
  },
  {
    name: 'sale-new-key',
    what: 'a redelivered shop sale recorded under a new key',
    caughtBy: 'each sale the soak made credited once',
    edits: [
      {
        file: 'shared/races/use-cases/record-sale.ts',
        find: '  const fresh = saleRecord(deps, { ...sale, paidAt }, isMerch, window);',
        replace:
          '  const plantedId = `${sale.saleId}~${sale.eventId}`;\n  const fresh = { ...saleRecord(deps, { ...sale, paidAt }, isMerch, window), saleKey: saleKey(sale.shop, plantedId) };',
      },
      { file: 'shared/races/use-cases/record-sale.ts', find: 'salePath(sale.shop, sale.saleId)', replace: 'salePath(sale.shop, plantedId)' },
      { file: 'shared/races/use-cases/record-sale.ts', find: 'salePath(sale.shop, sale.saleId)', replace: 'salePath(sale.shop, plantedId)' },
      {
        file: 'shared/races/use-cases/record-shop-event.ts',
        find: "event.kind === 'sale' ? `sale:${saleKey(event.shop, event.saleId)}`",
        replace: "event.kind === 'sale' ? `sale:${event.shop}:${event.eventId}`",
      },
    ],
  },
  {
    name: 'debt-declared',
    what: 'a reversal replaced by a debt the product declared itself',
    caughtBy: 'every debt is a reversal Stripe refused',
    edits: [
      {
        file: 'shared/payments/use-cases/reverse-shares.ts',
        find: '      await deps.payments.reverseTransfer({',
        replace: "      if (pending.amountCents > 0) throw new PaymentRefused('planted');\n      await deps.payments.reverseTransfer({",
      },
    ],
  },
  {
    name: 'slow-answer',
    what: 'one interaction in ten answered after 4 s',
    caughtBy: 'every interaction answered within 3 s inside the ingress',
    edits: [
      {
        file: 'functions/discord-interactions.ts',
        find: '    return { status: 200, json: await answerInteraction(',
        replace: '    if (Math.random() < 0.1) await new Promise((done) => setTimeout(done, 4_000));\n    return { status: 200, json: await answerInteraction(',
      },
    ],
  },
  {
    name: 'mentions-guard-gone',
    what: 'the allowed_mentions guard removed: messages go out without the list that keeps typed text from pinging',
    caughtBy: 'pings only who it names',
    edits: [
      {
        file: 'shared/discord/rules/discord-limits.ts',
        find: '  const fitted: DiscordMessage = { ...message, allowed_mentions: mentionsAllowed(message.allowed_mentions) };',
        // The guard's function stays, unused (`void`), so the planted product still compiles.
        replace: '  void mentionsAllowed;\n  const { allowed_mentions: _dropped, ...unguarded } = message;\n  const fitted: DiscordMessage = unguarded;',
      },
    ],
  },
  {
    name: 'dm-fresh-nonce',
    what: 'a DM sent twice under a fresh nonce',
    caughtBy: 'no DM sent twice',
    edits: [
      {
        file: 'shared/discord/use-cases/direct-messages.ts',
        find: "  return told.result ?? 'sent';",
        replace:
          "  if (fact.charCodeAt(fact.length - 1) % 4 === 0) await sendDmIfOpen(deps.discord, userId, { ...message, nonce: factNonce(`${key}:again`), enforce_nonce: true });\n  return told.result ?? 'sent';",
      },
    ],
  },
  {
    name: 'second-transfer',
    what: "a racer's payout sent twice (a builder's share twice from one charge Stripe itself refuses)",
    caughtBy: 'each payout sent once by Stripe',
    edits: [
      {
        file: 'shared/races/use-cases/pay-racer.ts',
        find: '    const { transferId } = await deps.payments.createTransfer({',
        replace:
          "    await deps.payments\n      .createTransfer({ idempotencyKey: `payout:${payout.payoutId}:twice`, amountCents: payout.amountCents, currency: payout.currency, destination, transferGroup: `payout-${payout.payoutId}`, metadata: { kind: 'race-payout', payout_id: payout.payoutId, guild_id: payout.guildId, racer_id: payout.racerId } })\n      .catch(() => undefined);\n    const { transferId } = await deps.payments.createTransfer({",
      },
    ],
  },
  {
    name: 'refund-not-reversed',
    what: 'a refund after the release never taken back from the builder',
    caughtBy: 'every charge = refunds + transfers + fee + held + dispute losses and fees, to the cent',
    edits: [
      {
        file: 'shared/payments/use-cases/reverse-shares.ts',
        find: "      if (due > 0) pending.push({ part: 'builder',",
        replace: "      if (due < 0) pending.push({ part: 'builder',",
      },
    ],
  },
  {
    name: 'oversell',
    what: 'a unit sold from an empty shelf',
    caughtBy: 'stock never negative, never oversold',
    edits: [
      {
        file: 'shared/marketplace/use-cases/drop-stock.ts',
        find: '    if ((found?.available ?? 0) > 0) {',
        replace: '    if ((found?.available ?? 0) > -1) {',
      },
    ],
  },
  {
    name: 'payout-overdraws',
    what: 'a payout of more than was pending',
    caughtBy: 'no payout overdraws',
    edits: [
      {
        file: 'shared/races/use-cases/pay-racer.ts',
        find: '    if (form.amountCents > wallet.pendingCents)',
        replace: '    if (form.amountCents > wallet.pendingCents + 1_000)',
      },
    ],
  },
  {
    name: 'auction-left-live',
    what: 'an auction whose hammer fell left live on record',
    caughtBy: 'nothing stuck past its deadline',
    edits: [
      {
        file: 'shared/auctions/use-cases/close-auction.ts',
        find: '  const recorded = await deps.store.get(auctionPath(hammer.snapshot.auctionId));',
        replace:
          "  if (hammer.snapshot.auctionId.charCodeAt(1) % 3 === 0) return 'gone';\n  const recorded = await deps.store.get(auctionPath(hammer.snapshot.auctionId));",
      },
    ],
  },
];
