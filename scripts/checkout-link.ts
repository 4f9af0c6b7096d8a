/**
 * @module checkout-link
 * What a script reads from a pay button: the product's link is its own short one
 * (`/pay/<order>?session=<checkout session>`, or a group buy's save-card link
 * `/groupbuy/<id>?card=<setup session>`, each sending the buyer on to Stripe's page), so the
 * session a script pays through the local Stripe is named in the query; a checkout page's
 * address (an older link) names it as its last segment.
 */
export function sessionIdOf(link: string | undefined): string {
  if (!link) return '';
  const query = new URL(link).searchParams;
  return query.get('session') ?? query.get('card') ?? link.split('?')[0]?.split('/').pop() ?? '';
}

/** Whether a message's buttons hold a pay link of the product's. */
export function holdsPayLink(componentsJson: string): boolean {
  return /\/pay\/[0-9a-z]+\?session=cs_/.test(componentsJson);
}
