import { offSessionMark, onSessionMark, paidOnSession } from '../rules/payment-marks';

describe('the mark a payment without a Checkout Session leaves on its order', () => {
  it('names an off-session charge and an on-session confirmation of one intent apart', () => {
    expect(offSessionMark('pi_1')).toBe('off-session:pi_1');
    expect(onSessionMark('pi_1')).toBe('on-session:pi_1');
  });

  it('says an order was paid on session only when its own intent’s on-session mark paid it', () => {
    expect(paidOnSession({ paymentIntentId: 'pi_1', paidByEvent: 'on-session:pi_1' })).toBe(true);
    expect(paidOnSession({ paymentIntentId: 'pi_1', paidByEvent: 'off-session:pi_1' })).toBe(false);
    expect(paidOnSession({ paymentIntentId: 'pi_1', paidByEvent: 'on-session:pi_2' })).toBe(false);
    expect(paidOnSession({ paymentIntentId: 'pi_1', paidByEvent: 'evt_1' })).toBe(false);
    expect(paidOnSession({ paymentIntentId: 'pi_1' })).toBe(false);
    expect(paidOnSession({ paidByEvent: 'on-session:undefined' })).toBe(false);
  });
});
