/**
 * @module soak/stripe-people
 * Who a Stripe object is for, as its metadata names them: a keyed pseudonym (`buyer_pseudonym`),
 * or, on an object made before pseudonyms, a Discord id (`buyer_id`), turned into its pseudonym
 * so both compare alike. The soak's process shares the runtime's LOG_ID_KEY (soak-runtime), so
 * `personPseudonym(member.id)` is the pseudonym the runtime sent.
 */
import { personPseudonym } from '../../shared/log';

export type StripeRole = 'buyer' | 'builder' | 'host' | 'racer';

export function stripePerson(metadata: Record<string, string> | undefined, role: StripeRole): string | undefined {
  const pseudonym = metadata?.[`${role}_pseudonym`];
  if (pseudonym) return pseudonym;
  const id = metadata?.[`${role}_id`];
  return id ? personPseudonym(id) : undefined;
}
