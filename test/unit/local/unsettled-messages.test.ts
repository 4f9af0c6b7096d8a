import { UnsettledMessages } from '../../../shared/local/unsettled-messages';

describe('what the runtime counts as in flight on the Pub/Sub emulator', () => {
  it('counts a published message once per subscription of its topic until each acknowledges it', async () => {
    const unsettled = new UnsettledMessages();
    unsettled.published(['a-on-t', 'b-on-t'], '1');
    expect(unsettled.count).toBe(2);
    let idle = false;
    void unsettled.idle().then(() => (idle = true));
    unsettled.settle('a-on-t', '1');
    await Promise.resolve();
    expect([unsettled.count, idle]).toEqual([1, false]);
    unsettled.settle('b-on-t', '1');
    await Promise.resolve();
    expect([unsettled.count, idle]).toEqual([0, true]);
  });

  it('opens nothing for a message acknowledged before its publisher’s word arrived', () => {
    const unsettled = new UnsettledMessages();
    unsettled.settle('a-on-t', '7');
    unsettled.published(['a-on-t', 'b-on-t'], '7');
    expect(unsettled.count).toBe(1);
    expect(unsettled.isOpen('a-on-t', '7')).toBe(false);
    expect(unsettled.isOpen('b-on-t', '7')).toBe(true);
  });

  it('counts a delivery of a message already settled while it runs, once however often it is released', () => {
    const unsettled = new UnsettledMessages();
    const release = unsettled.hold();
    expect(unsettled.count).toBe(1);
    release();
    release();
    expect(unsettled.count).toBe(0);
  });

  it('forgets early acknowledgements after a while, so redeliveries of settled messages do not pile up', () => {
    let nowMs = 0;
    const unsettled = new UnsettledMessages(() => nowMs);
    unsettled.settle('a-on-t', 'old');
    nowMs = 10 * 60_000;
    for (let i = 0; i < 1_000; i++) unsettled.settle('a-on-t', String(i));
    // The old one is gone: its publisher's word, should it come now, opens a delivery again.
    unsettled.published(['a-on-t'], 'old');
    expect(unsettled.isOpen('a-on-t', 'old')).toBe(true);
  });
});
