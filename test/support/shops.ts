/**
 * Shop webhook deliveries as Ko-fi and Shopify send them, for tests: Ko-fi's urlencoded
 * `data` field, Shopify's order and refund JSON with really signed headers.
 */
import { shopifySignature } from '../../shared/adapters/shops/shopify-signature';

export const KOFI_TOKEN = 'kofi-verification-token-for-tests';
export const SHOPIFY_SECRET = 'shopify-webhook-secret-for-tests';

/** A Ko-fi shop order paid at `timestamp`; any field can be replaced or removed (`undefined`). */
export function kofiPayload(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    verification_token: KOFI_TOKEN,
    message_id: '3a1f6c2e-0d1b-4a8e-9f00-1c2d3e4f5a6b',
    timestamp: '2026-11-22T13:04:30Z',
    type: 'Shop Order',
    is_public: true,
    from_name: 'Jo',
    message: null,
    amount: '25.00',
    url: 'https://ko-fi.com/Home/CoffeeShop?txid=0a1b2c3d',
    email: 'jo@example.com',
    currency: 'USD',
    is_subscription_payment: false,
    is_first_subscription_payment: false,
    kofi_transaction_id: '0a1b2c3d-4e5f-6789-abcd-ef0123456789',
    shop_items: [{ direct_link_code: 'abc', variation_name: 'L', quantity: 1 }],
    tier_name: null,
    shipping: null,
    ...overrides,
  };
}

/** The body Ko-fi posts: `data=<JSON>`, form-urlencoded. */
export function kofiForm(data: Record<string, unknown>): string {
  return new URLSearchParams({ data: JSON.stringify(data) }).toString();
}

/** An `orders/paid` order; any field can be replaced. */
export function shopifyOrder(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 5_000_000_001,
    name: '#1001',
    order_number: 1001,
    currency: 'USD',
    total_price: '42.00',
    financial_status: 'paid',
    created_at: '2026-11-22T08:00:00-05:00',
    processed_at: '2026-11-22T08:00:00-05:00',
    updated_at: '2026-11-22T08:04:30-05:00',
    ...overrides,
  };
}

/** A `refunds/create` refund of `shopifyOrder()`; any field can be replaced. */
export function shopifyRefund(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 900_000_001,
    order_id: 5_000_000_001,
    created_at: '2026-11-22T09:00:00-05:00',
    transactions: [{ id: 700_000_001, amount: '5.00', kind: 'refund', status: 'success', currency: 'USD' }],
    ...overrides,
  };
}

/** The headers Shopify sends with `body`, signed with `secret`, as Node reads them (lower case). */
export function shopifyHeaders(body: string, secret: string, topic: string, webhookId: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    'x-shopify-hmac-sha256': shopifySignature(body, secret),
    'x-shopify-topic': topic,
    'x-shopify-webhook-id': webhookId,
  };
}
