/**
 * @module label-facts
 * A label bought through C500 (issue 78): the rates offered, the rate chosen (written before
 * the carrier is asked, so a retry reads the purchase back), and the label the carrier sold.
 * Only an order still to ship takes them; a label once chosen is never replaced by another.
 */
import type { LabelQuote, OrderLabel } from '../order-label';
import type { FactHandler } from './fact-handler';

export interface LabelFacts {
  'label-quoted': { quote: LabelQuote };
  'label-asked': { label: OrderLabel };
  'label-bought': { trackingCode: string; labelUrl: string; trackerId?: string; at: string };
}

type Handlers = { [K in keyof LabelFacts]: FactHandler<{ kind: K } & LabelFacts[K]> };

export const labelHandlers: Handlers = {
  'label-quoted': {
    from: ['paid', 'building'],
    owns: ['labelQuote'],
    refuses: (order) => (order.label ? 'a label was chosen already' : undefined),
    apply: (_, { quote }) => ({ labelQuote: quote }),
  },
  'label-asked': {
    from: ['paid', 'building'],
    owns: ['label'],
    refuses: (order) => (order.label ? 'a label was chosen already' : undefined),
    apply: (_, { label }) => ({ label }),
  },
  // Any status the order may be in once its label was asked: the purchase is recorded even on an order refunded meanwhile (the label must then be refunded).
  'label-bought': {
    owns: ['label'],
    refuses: (order) => (!order.label ? 'no label was asked' : order.label.trackingCode ? 'its label was recorded already' : undefined),
    apply: (order, { trackingCode, labelUrl, trackerId, at }) => ({
      label: { ...(order.label as OrderLabel), trackingCode, labelUrl, ...(trackerId ? { trackerId } : {}), boughtAt: at },
    }),
  },
};
