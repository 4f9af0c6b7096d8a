/**
 * @module decide-probe-bid
 * The bid subscriber's part of the synthetic probe: the probe's bid goes through the book's
 * bid script on Redis like any bid, on the probe's channel, which never holds an auction, so
 * the script decides `not-found` and writes nothing. The decision is kept beside the book for
 * the probe to read. No member's auction, answer, tally or embed is touched, and the line it
 * writes is `probe.bid-decided`, never `bid.decided`: the bids' metrics and SLO leave it out.
 * Past `probeBidsPerMinute` in a minute (counted on Redis, across instances) a probe bid is
 * dropped before the book: a leaked probe key cannot fill Redis or spend its commands.
 */
import { minuteOf, type AuctionBook, type BidRequest, type Clock } from '../../ports';
import type { Interaction } from '../../discord';
import { snowflakeTimeMs } from '../../common';
import { PoisonMessage } from '../../errors';
import { log } from '../../log';
import { isProbeBid, probeBidCents, probeId } from '../rules/probe-requests';
import { probeBidAdmitted } from '../rules/probe-rate';

export interface ProbeBidDeps {
  book: AuctionBook;
  clock: Clock;
}

export async function decideProbeBid(deps: ProbeBidDeps, interaction: Interaction): Promise<void> {
  const atMs = snowflakeTimeMs(interaction.id);
  if (atMs === undefined || !isProbeBid(interaction)) throw new PoisonMessage('a probe bid names the probe’s lot and has a snowflake id');
  const request: BidRequest = {
    bidId: interaction.id,
    guildId: probeId,
    bidderId: probeId,
    bidderName: 'c500-probe',
    amountCents: probeBidCents,
    maxCents: probeBidCents,
    responseToken: '',
    atMs,
    receivedAtMs: deps.clock.now().getTime(),
  };
  if (!(await admitted(deps, interaction.id))) return;
  let decision: string;
  try {
    decision = (await deps.book.placeBid({ channelId: probeId }, request)).outcome;
  } catch (error) {
    decision = 'book-unavailable';
    log.warn('the probe’s bid found the book unavailable', { event: 'probe.bid-decided', decision, interactionId: interaction.id, error });
  }
  if (decision !== 'book-unavailable') log.info('probe bid decided', { event: 'probe.bid-decided', decision, interactionId: interaction.id });
  try {
    await deps.book.noteProbeDecision(interaction.id, decision);
  } catch (error) {
    // Never redelivered: a probe bid in a dead letter would page for the wrong reason. The probe sees no decision and says so.
    log.warn('the probe’s bid decision was not kept', { event: 'probe.bid-decided', decision, interactionId: interaction.id, error });
  }
}

/** Counts the bid in its minute; a count Redis could not make admits it (the bid then meets the same Redis, and says so). */
async function admitted(deps: ProbeBidDeps, interactionId: string): Promise<boolean> {
  let count: number;
  try {
    count = await deps.book.countProbeBid(minuteOf(deps.clock.now().getTime()));
  } catch {
    return true;
  }
  if (probeBidAdmitted(count)) return true;
  log.warn('probe bid dropped: over the probe’s limit a minute', { event: 'probe.bid-decided', decision: 'rate-limited', interactionId, count });
  return false;
}
