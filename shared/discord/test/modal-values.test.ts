import { modalValues } from '../rules/modal-values';

describe('the values of a submitted modal', () => {
  it('reads each input by its id, in action rows and in labels alike', () => {
    const submitted = [
      { type: 1, components: [{ type: 4, custom_id: 'title', value: 'Tofu65' }] },
      { type: 18, component: { type: 4, custom_id: 'quantity', value: '2' } },
    ];
    expect(modalValues(submitted)).toStrictEqual({ title: 'Tofu65', quantity: '2' });
  });

  it('passes over what is not an input with a text value, and anything that is not a modal at all', () => {
    expect(modalValues([{ type: 1, components: [{ custom_id: 'n', value: 3 }, { custom_id: 7, value: 'x' }, null, 'x'] }])).toStrictEqual({});
    expect(modalValues(null)).toStrictEqual({});
    expect(modalValues('text')).toStrictEqual({});
  });
});
