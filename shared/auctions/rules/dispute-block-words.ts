/**
 * @module dispute-block-words
 * What a person C500 blocked after a payment they disputed is told wherever the block refuses
 * them: a bid, Buy Now, a group buy's Join, a giveaway's Enter. The block is an automatic
 * decision about them (GDPR Art. 22), so every refusal says why (a chargeback) and how to
 * contest it (this server's admins, who lift it with `/c500 unblock`), in one wording; only
 * what they cannot do changes.
 */

/** `cannot`: what the block stops here, as a sentence's start (`You can’t bid in this server’s auctions`). */
export function blockedAfterDisputeWords(cannot: string): string {
  return `${cannot} because a payment you made here was disputed with your bank (a chargeback). If the dispute is settled or was a mistake, ask this server’s admins to review it: they can lift the block with \`/c500 unblock\`.`;
}
