import { deferredResponse, reply, replyWithModal } from '../rules/routes';

describe('how the ingress answers Discord', () => {
  it('replies with a message fitted to Discord’s limits, pinging no role or @everyone', () => {
    const route = reply({ content: 'x'.repeat(2_500), flags: 64 });
    expect(route.kind).toBe('reply');
    const response = route.kind === 'reply' ? route.response : undefined;
    expect(response?.type).toBe(4);
    expect(response?.data).toMatchObject({ flags: 64, allowed_mentions: { parse: ['users'] } });
    expect((response?.data as { content: string }).content.length).toBeLessThanOrEqual(2_000);
  });

  it('opens a modal as its first answer', () => {
    const modal = { custom_id: 'drop:create', title: 'New drop', components: [] };
    expect(replyWithModal(modal)).toEqual({ kind: 'reply', response: { type: 9, data: modal } });
  });

  it('shows "thinking…" privately or to everyone, as the route asks', () => {
    expect(deferredResponse(true)).toEqual({ type: 5, data: { flags: 64 } });
    expect(deferredResponse(false)).toEqual({ type: 5 });
  });

  it('defers a button whose answer replaces its own message as an update: no new message, no "thinking…"', () => {
    expect(deferredResponse(true, true)).toEqual({ type: 6 });
  });
});
