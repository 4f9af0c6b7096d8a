import { readStripeForm, requiredInteger, StripeParameterError } from '../../../../shared/local/stripe/api-form';

describe('the local Stripe reading a form-encoded request', () => {
  it('reads brackets back into objects, and indices into arrays in their order', () => {
    const form = readStripeForm(
      'metadata[order_id]=o1&line_items[0][price_data][unit_amount]=2500&line_items[1][price_data][unit_amount]=100&expand[0]=charge&email=a%40b.example',
    );
    expect(form).toEqual({
      metadata: { order_id: 'o1' },
      line_items: [{ price_data: { unit_amount: '2500' } }, { price_data: { unit_amount: '100' } }],
      expand: ['charge'],
      email: 'a@b.example',
    });
  });

  it('names a missing or non-integer parameter as Stripe does', () => {
    const form = readStripeForm('amount=12.5');
    expect(() => requiredInteger(form, 'amount')).toThrow(expect.objectContaining({ code: 'parameter_invalid_integer', param: 'amount' }));
    expect(() => requiredInteger(form, 'fixed_amount.amount')).toThrow(StripeParameterError);
    expect(() => requiredInteger(form, 'fixed_amount.amount')).toThrow('Missing required param: fixed_amount[amount].');
  });
});
