/**
 * @module disputes/routes
 * `/c500 dispute note order:<id> text:<…>`: what the interaction alone shows to be wrong (an
 * order id that cannot be one, an empty or too long note) is answered at once; the rest is
 * decided by the job, against the order and its dispute.
 */
import { group, str, sub, commandCall, deferPrivately, moduleRoutes, reply } from '../discord';
import { isOrderIdShaped, normalizeOrderId } from '../common';
import { maxNoteLength, noteProblem } from './rules/evidence';
import { noteAnswers } from './rules/dispute-messages';

const jobs = { 'dispute-note': 'discord-commands' } as const;

export const disputeRoutes = moduleRoutes({
  jobs,
  c500: [
    group('dispute', 'Disputes of your orders', [
      sub('note', 'Builders: add your words to the evidence of a disputed order', [
        str('order', 'The order id'),
        { ...str('text', 'What the buyer’s bank should know'), max_length: maxNoteLength },
      ]),
    ]),
  ],
  help: [
    {
      usage: '/c500 dispute note order:<id> text:<what happened>',
      what: 'Builders: add a note to the evidence C500 sends the bank for a disputed order, until it is submitted.',
    },
  ],
  routes: {
    '/c500 dispute note': (interaction) => {
      const { options } = commandCall(interaction);
      const order = normalizeOrderId(String(options.order ?? ''));
      if (!isOrderIdShaped(order)) return reply(noteAnswers.notFound(order));
      const problem = noteProblem(String(options.text ?? '').trim());
      if (problem) return reply(problem === 'empty' ? noteAnswers.empty : noteAnswers.tooLong);
      return deferPrivately(jobs, 'dispute-note');
    },
  },
});
