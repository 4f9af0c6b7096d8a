import { interactionProblem } from '../rules/interaction-shape';
import { buttonPress, command, modalSubmit, ping } from '../../../test/support/interactions';

describe('the shape of an interaction', () => {
  it('accepts what Discord sends: a PING, commands with subcommand groups, buttons and modals', () => {
    expect(interactionProblem(ping())).toBeUndefined();
    expect(
      interactionProblem(command({ name: 'c500', path: ['auction', 'start'], options: { item: 'Tofu65', price: 25, duration: '2m', 'sudden-death': true } })),
    ).toBeUndefined();
    expect(interactionProblem(buttonPress('buy:k2q9xmbr', '800000000000000002'))).toBeUndefined();
    expect(interactionProblem(modalSubmit('drop:create', { title: 'Lavender 65%' }, '800000000000000002'))).toBeUndefined();
  });

  it('accepts a modal whose inputs are wrapped in labels, as Discord’s newer modals are', () => {
    const modal = modalSubmit('drop:create', {}, '800000000000000002') as unknown as { data: { components: unknown[] } };
    modal.data.components = [{ type: 18, id: 1, component: { type: 4, id: 2, custom_id: 'title', value: 'Lavender 65%' } }];
    expect(interactionProblem(modal)).toBeUndefined();
  });

  it('accepts the partial text of the option being typed in an autocomplete, whatever its type', () => {
    const typing = { ...command({ name: 'bid', options: {} }), type: 4 } as unknown as { data: { options: unknown[] } };
    typing.data.options = [{ name: 'amount', type: 10, value: '25.', focused: true }];
    expect(interactionProblem(typing)).toBeUndefined();
  });

  it('names what is wrong: an integer option holding a fraction, a role list with a path in it', () => {
    const fraction = command({ name: 'race', path: ['settings'], options: {} }) as unknown as { data: { options: Array<{ options: unknown[] }> } };
    (fraction.data.options[0] as { options: unknown[] }).options = [{ name: 'max-racers', type: 4, value: 2.5 }];
    expect(interactionProblem(fraction)).toContain('max-racers');
    const roles = command({ name: 'c500', path: ['profile'] }) as unknown as { member: { roles: string[] } };
    roles.member.roles = ['../admins'];
    expect(interactionProblem(roles)).toContain('roles');
  });
});
