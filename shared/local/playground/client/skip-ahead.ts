/**
 * @module skip-ahead
 * **Skip ahead**: the runtime's clock moved forward from the page (`POST /_local/clock`), for
 * a person who would rather not wait an hour for a group buy to close or ten minutes for an
 * auction: +10 min, +1 hour, +1 day, or to when the next waiting task comes due (`GET
 * /_local/clock` names it). The clock moves in every process and what fell due has run by
 * the answer; the control then says what happened, and `moved` lets the page count its
 * "in 5 minutes" from the moved clock.
 */
import { moveClock, readClock } from './api';
import { h } from './dom';
import { movedText, nextTaskText, skips, spanText } from './skip-words';

type Skip = { ms: number } | 'next task';

export function skipAhead(moved: (now: string) => void): HTMLElement {
  const heading = h('h3', { id: 'skip-ahead-label', textContent: 'Skip ahead' });
  const status = h('p', { className: 'hint skip-status' });
  status.setAttribute('role', 'status');
  const group = h('div', { className: 'row skip-buttons' });
  const control = h('section', { className: 'skip-ahead' }, heading, group, status);
  control.setAttribute('role', 'group');
  control.setAttribute('aria-labelledby', heading.id);
  let busy = false;

  const run = async (skip: Skip): Promise<void> => {
    // Pressed again while the runtime works: not a second move. The buttons stay focusable, so a keyboard keeps its place.
    if (busy) return;
    busy = true;
    control.setAttribute('aria-busy', 'true');
    try {
      const ms = skip === 'next task' ? await untilNextTask() : skip.ms;
      if (ms === undefined) return void (status.textContent = 'No task is waiting: there is nothing to skip to.');
      status.textContent = `Moving ${spanText(ms)} ahead…`;
      const answer = await moveClock(ms);
      moved(answer.now);
      const { nextTask } = await readClock();
      status.textContent = `${movedText(ms, answer, skip === 'next task')} ${nextTaskText(nextTask)}`;
    } catch (error) {
      status.textContent = `The clock did not move: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      busy = false;
      control.removeAttribute('aria-busy');
    }
  };

  const button = (label: string, title: string, skip: Skip) => {
    const b = h('button', { type: 'button', textContent: label, title });
    b.addEventListener('click', () => void run(skip));
    return b;
  };
  group.append(
    ...skips.map((s) => button(s.label, `Move the runtime’s clock ${spanText(s.ms)} ahead and run what falls due`, { ms: s.ms })),
    button('Next task', 'Move the runtime’s clock to when the next waiting task (a close, a reminder, a lot) comes due, and run it', 'next task'),
  );
  return control;
}

/** How far ahead the next waiting task is (at least a millisecond: one already due runs at once), or undefined when none waits. */
async function untilNextTask(): Promise<number | undefined> {
  const { nextTask } = await readClock();
  return nextTask ? Math.max(1, nextTask.inMs) : undefined;
}
