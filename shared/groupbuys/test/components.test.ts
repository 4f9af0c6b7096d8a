/**
 * The buttons and modals of interest checks and group buys, by custom id. Their ids live on
 * posts Discord keeps for months, so each prefix is held to what an old post carries; an id is
 * input (anyone may craft an interaction), so every shape that is not ours is refused.
 */
import { componentId, idOfComponent, interestModal, joinModal, pressedOnItsPost, quantityModal, readQuantity, type ComponentKind } from '../rules/components';

const id = 'ab12cd34';
const kinds: Record<ComponentKind, string> = {
  interested: 'gbint:',
  interestModal: 'gbiq:',
  notInterested: 'gbnot:',
  whoIsInterested: 'gbwho:',
  join: 'gbjoin:',
  joinModal: 'gbjq:',
  leave: 'gbleave:',
};
const allKinds = Object.keys(kinds) as ComponentKind[];

describe('a group buy’s component ids', () => {
  it('are the prefix of their kind and the id, as the posts already on Discord carry them', () => {
    for (const kind of allKinds) expect(componentId(kind, id)).toBe(`${kinds[kind]}${id}`);
  });

  it('give back the id of each kind they were made for', () => {
    for (const kind of allKinds) expect(idOfComponent(kind, componentId(kind, id))).toBe(id);
  });

  it('are read as no other kind: a Join is not a Join modal, an Interested not a Not interested', () => {
    for (const made of allKinds) for (const read of allKinds) if (made !== read) expect(idOfComponent(read, componentId(made, id))).toBeUndefined();
  });

  it('refuse an id of any shape but eight lowercase letters and digits', () => {
    for (const bad of ['', 'ab12cd3', 'ab12cd345', 'AB12CD34', 'ab12-d34', 'ab12cd3 ', ' b12cd34', 'ab12cd3é'])
      expect(idOfComponent('join', `gbjoin:${bad}`)).toBeUndefined();
  });

  it('refuse a prefix anywhere but at the start, twice, or missing', () => {
    expect(idOfComponent('join', `xgbjoin:${id}`)).toBeUndefined();
    expect(idOfComponent('join', `gbjoin:gbjoin:${id}`)).toBeUndefined();
    expect(idOfComponent('join', id)).toBeUndefined();
    expect(idOfComponent('join', `gbjoin${id}`)).toBeUndefined();
    // The id alone, with another kind's prefix glued after it, is not the id either.
    expect(idOfComponent('join', `${id}gbjoin:`)).toBeUndefined();
  });
});

describe('the quantity modal', () => {
  it('asks one required short answer of one to three characters, prefilled with 1, under the custom id given', () => {
    expect(quantityModal('gbjq:ab12cd34', 'Title', 'Label')).toEqual({
      custom_id: 'gbjq:ab12cd34',
      title: 'Title',
      components: [
        {
          type: 1,
          components: [
            { type: 4, custom_id: 'quantity', label: 'Label', style: 1, required: true, min_length: 1, max_length: 3, value: '1', placeholder: '1' },
          ],
        },
      ],
    });
  });

  it('cuts its title and its label to the 45 characters Discord takes', () => {
    const long = 'x'.repeat(60);
    const modal = quantityModal('gbiq:ab12cd34', long, long) as { title: string; components: Array<{ components: Array<{ label: string }> }> };
    expect(modal.title).toBe('x'.repeat(45));
    expect(modal.components[0]?.components[0]?.label).toBe('x'.repeat(45));
  });

  it('opens for an interest check under its modal id, and for a group buy under its own, both saying the most a member takes', () => {
    const interest = interestModal(id);
    const join = joinModal(id);
    expect(interest.custom_id).toBe(`gbiq:${id}`);
    expect(join.custom_id).toBe(`gbjq:${id}`);
    expect(idOfComponent('interestModal', interest.custom_id)).toBe(id);
    expect(idOfComponent('joinModal', join.custom_id)).toBe(id);
    expect(interest.title).toBe('How many would you buy?');
    expect(join.title).toBe('Join the group buy');
    for (const modal of [interest, join]) expect(JSON.stringify(modal.components)).toContain('"label":"Units (1 to 20)"');
  });
});

describe('a quantity as typed', () => {
  it('is 1 when left blank, empty or only spaces', () => {
    for (const blank of [undefined, '', '   ']) expect(readQuantity(blank)).toEqual({ ok: true, quantity: 1 });
  });

  it('is the whole number typed, spaces around it ignored, from 1 up to the 20 a member pledges at most', () => {
    expect(readQuantity('1')).toEqual({ ok: true, quantity: 1 });
    expect(readQuantity(' 3 ')).toEqual({ ok: true, quantity: 3 });
    expect(readQuantity('12')).toEqual({ ok: true, quantity: 12 });
    expect(readQuantity('20')).toEqual({ ok: true, quantity: 20 });
    expect(readQuantity('007')).toEqual({ ok: true, quantity: 7 });
  });

  it('is refused past the most, at nought, and as anything but digits, saying what to type', () => {
    for (const bad of ['21', '0', '000', '-1', '1.5', '1e1', '0x1', '1,000', '1000', '12a', 'a12', 'two', '+3', '²']) {
      const read = readQuantity(bad);
      expect(read).toEqual({ ok: false, problem: expect.stringContaining('from 1 to 20') });
    }
  });
});

describe('a press on its post', () => {
  const posted = { guildId: 'g1', channelId: 'c1' };

  it('is one in the server and the channel the check or the group buy was posted in', () => {
    expect(pressedOnItsPost(posted, { guildId: 'g1', channelId: 'c1' })).toBe(true);
  });

  it('is not one from another channel of the server, nor from the same channel id in another server', () => {
    expect(pressedOnItsPost(posted, { guildId: 'g1', channelId: 'c2' })).toBe(false);
    expect(pressedOnItsPost(posted, { guildId: 'g2', channelId: 'c1' })).toBe(false);
    expect(pressedOnItsPost(posted, { guildId: 'g2', channelId: 'c2' })).toBe(false);
  });
});
