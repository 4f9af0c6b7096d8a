/**
 * What a person whose won dispute's return waits on a revoked account hears, and what their
 * server's admin hears: the order, the amount, that it is held (not lost), and how it is
 * sent; names clipped and nobody pinged.
 */
import { returnHeldAdminDm, returnHeldDm } from '../rules/revoked-account';

describe('a won dispute’s return held for a revoked account, told to its person', () => {
  it('says which order, how much, that it is held until they reconnect Stripe (not theirs again yet), and how, pinging nobody', () => {
    expect(returnHeldDm('ord12345', '$300.00')).toEqual({
      allowed_mentions: { parse: [] },
      content:
        'A dispute on order ord12345 was won, but your Stripe account is disconnected from C500: the $300.00 it took back from you is held on C500 (not lost) until you reconnect Stripe. ' +
        'Run `/c500 onboard` to connect a Stripe account again; what waited is released once Stripe has checked it.',
    });
  });

  it('clips an order id past 80 characters', () => {
    const content = returnHeldDm('o'.repeat(81), '$1.00').content ?? '';
    expect(content).toContain(`order ${'o'.repeat(79)}…`);
    expect(content).not.toContain('o'.repeat(80));
    expect(returnHeldDm('o'.repeat(80), '$1.00').content).toContain(`order ${'o'.repeat(80)} was won`);
  });
});

describe('a won dispute’s return held for a revoked account, told to the server’s admin', () => {
  it('names the person and mentions them without a ping, with the order and amount and how it resolves', () => {
    expect(returnHeldAdminDm('Juno', '800000000000000021', 'ord12345', '$300.00')).toEqual({
      allowed_mentions: { parse: [] },
      content:
        'A dispute on order ord12345 was won, but Juno (<@800000000000000021>) disconnected C500 from their Stripe account, ' +
        'so the $300.00 it took back from them waits on C500 (held, not retried). It is sent once they run `/c500 onboard` and Stripe has checked the new account.',
    });
  });

  it('clips a name and an order id past 80 characters each', () => {
    const content = returnHeldAdminDm('n'.repeat(81), '1', 'o'.repeat(81), '$1.00').content ?? '';
    expect(content).toContain(`order ${'o'.repeat(79)}… was won, but ${'n'.repeat(79)}… (<@1>)`);
    expect(returnHeldAdminDm('n'.repeat(80), '1', 'o'.repeat(80), '$1.00').content).toContain(`order ${'o'.repeat(80)} was won, but ${'n'.repeat(80)} (<@1>)`);
  });
});
