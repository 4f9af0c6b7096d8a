/**
 * @module api-version
 * The Stripe API version C500 speaks, pinned here and nowhere else: every Stripe client asks
 * for it, the local Stripe sends its events under it, and the webhook endpoints must be
 * created with it (Stripe shapes an event by its endpoint's version, whatever the client
 * pins: docs/operations/app-setup.md, `terraform output stripe_webhook_api_version`). It is
 * the version this stripe-node release types, so tsc refuses an upgrade that moves it until
 * the payloads are checked and this, the docs and terraform move together. Kept apart from
 * the SDK so the local runtime can name it without loading stripe-node.
 */
export const stripeApiVersion = '2026-10-28.endive' as const;
