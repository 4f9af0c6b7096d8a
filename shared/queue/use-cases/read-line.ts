/**
 * @module read-line
 * A builder's line and record as they stand, read from their commission orders: one
 * equality query (the builder's orders of kind `commission`, which the automatic indexes
 * serve), the places in ticket order, and who in the line hid their name.
 */
import type { Clock, DocumentStore } from '../../ports';
import { ordersCollection, type Order } from '../../orders';
import { builderPath } from '../../onboarding';
import { lineOf } from '../rules/queue-line';
import { builderRecord, type BuilderRecord } from '../rules/builder-record';
import { queuePrivacyPath } from '../rules/queue-privacy';
import type { ShownPlace } from '../rules/queue-messages';

export interface BuilderLine {
  builderId: string;
  builderName: string;
  places: ShownPlace[];
  record: BuilderRecord;
  /** Whether this person ever sold a commission from a queue: a line of nobody is "not a builder". */
  hasQueue: boolean;
}

export async function readLine(deps: { store: DocumentStore; clock: Clock }, builderId: string): Promise<BuilderLine> {
  const [builder, found] = await Promise.all([
    deps.store.get(builderPath(builderId)),
    deps.store.query(ordersCollection, {
      where: [
        ['builderId', '==', builderId],
        ['dropKind', '==', 'commission'],
      ],
    }),
  ]);
  const orders: Order[] = found.map((d) => d.data).filter((o) => o.commission !== undefined);
  const line = lineOf(orders, deps.clock.now());
  const privacy = await Promise.all(
    [...new Set(line.map((p) => p.buyerId))].map(async (id) => [id, (await deps.store.get(queuePrivacyPath(id)))?.nameHidden === true] as const),
  );
  const hidden = new Map(privacy);
  const guildOf = new Map(orders.map((o) => [o.orderId, o.guildId]));
  return {
    builderId,
    builderName: builder?.displayName ?? orders[0]?.builderName ?? 'This builder',
    places: line.map((p) => ({ ...p, guildId: guildOf.get(p.orderId) ?? '', nameHidden: hidden.get(p.buyerId) ?? false })),
    record: builderRecord(orders),
    hasQueue: orders.some((o) => o.commission?.ticket !== undefined) || builder !== undefined,
  };
}
