/**
 * Pub/Sub at a show's peak (docs/capacity.md): each publish request counted as Pub/Sub counts it
 * (its size in whole kB, at least one), the messages measured from what the ingresses publish,
 * the 50,000-viewer peak within 80 % of the region's publisher quota, and terraform paging at
 * 80 % of the same quota.
 */
import { join } from 'node:path';
import { functionSizing, headroomShare } from '../../../scripts/capacity/model';
import { bigShowLoads, fiftyThousandViewers } from '../../../scripts/capacity/big-show';
import { chatBidMessageBytes, discordBidMessageBytes, kbPerMessage, publisherThroughput, quotaKb } from '../../../scripts/capacity/pubsub-load';
import { readMeasured } from '../../../scripts/capacity';
import { limits } from '../../../scripts/capacity/services';
import { chatMessageMaxChars } from '../../../shared/chatbids';
import { loadTerraform } from '../../support/terraform';

const measured = readMeasured(join(__dirname, '..', '..', '..', 'docs'));

describe('Pub/Sub publishing at a show’s peak', () => {
  it('counts a publish request as its bytes in whole kB, and never less than 1 kB', () => {
    expect([0, 1, 999, 1_000, 1_001, 2_000, 2_001].map(quotaKb)).toEqual([1, 1, 1, 1, 2, 2, 3]);
  });

  it('counts a Discord bid’s message at 2 kB and a chat bid’s at 1 kB, measured from what the ingresses publish', () => {
    expect(discordBidMessageBytes()).toBeGreaterThan(1_000);
    expect(discordBidMessageBytes()).toBeLessThanOrEqual(2_000);
    expect(chatBidMessageBytes()).toBeLessThanOrEqual(1_000);
    expect([kbPerMessage('auction-bids-on-auction-bids'), kbPerMessage('chat-bids-on-chat-bids'), kbPerMessage('show-commands-on-x')]).toEqual([2, 1, 2]);
  });

  it('keeps the longest chat bid far inside Pub/Sub’s 10 MB a message', () => {
    expect(chatBidMessageBytes(`!bid 25 ${'🎹'.repeat(chatMessageMaxChars)}`)).toBeLessThan(10_000);
  });

  it('adds each subscription’s deliveries a request × its message’s kB × the requests a second', () => {
    const load = publisherThroughput({ 'auction-bids-on-auction-bids': 0.5, 'chat-bids-on-chat-bids': 0.25 }, 1_000);
    expect(load.atPeak).toBe(0.5 * 2 * 1_000 + 0.25 * 1 * 1_000);
    expect(load.limit).toBe(limits.pubsubPublisherKbPerSecond.value);
  });

  it('GIVEN the 50,000-viewer peak THEN publishing stays within 80 % of the small regions’ 3,000,000 kB a minute', () => {
    const sizing = functionSizing(measured.auction, measured.orders, fiftyThousandViewers);
    const loads = bigShowLoads(measured.auction, measured.lot, measured.races, sizing, () => 20, measured.shards);
    const pubsub = loads.find((l) => l.what.startsWith('Pub/Sub publisher throughput'));
    expect(limits.pubsubPublisherKbPerSecond.value).toBe(3_000_000 / 60);
    expect(pubsub?.atPeak).toBeGreaterThan(0);
    expect(pubsub!.atPeak).toBeLessThanOrEqual(headroomShare * limits.pubsubPublisherKbPerSecond.value);
  });

  it('is paged on by terraform at 80 % of the same quota, read from the topics’ byte_cost', async () => {
    const tf = await loadTerraform();
    expect(Number(tf.variables.get('pubsub_publisher_kb_per_second_limit')?.default)).toBe(limits.pubsubPublisherKbPerSecond.value);
    const alert = JSON.stringify(tf.resources.get('google_monitoring_alert_policy')?.get('pubsub_publisher_throughput'));
    expect(alert).toContain('pubsub_googleapis_com:topic_byte_cost');
    expect(alert).toContain('${0.8 * 1000 * var.pubsub_publisher_kb_per_second_limit}');
  });
});
