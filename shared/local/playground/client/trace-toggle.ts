/**
 * @module trace-toggle
 * "Show trace links": the playground's own links under a person's interaction (the trace it
 * began) are for developers following a request hop by hop. Off by default, so a bot message
 * reads as Discord shows it; the choice is kept for the next visit.
 */
import { h } from './dom';

const key = 'c500.play.traces';
const shownClass = 'show-traces';

/** A checkbox that shows or hides every trace link at once (a class on the body: no message is redrawn). */
export function traceToggle(): HTMLElement {
  const box = h('input', { type: 'checkbox', name: 'show-traces', checked: localStorage.getItem(key) === 'on' });
  const apply = () => {
    document.body.classList.toggle(shownClass, box.checked);
    localStorage.setItem(key, box.checked ? 'on' : 'off');
  };
  box.addEventListener('change', apply);
  apply();
  return h('label', { className: 'trace-toggle' }, box, ' Show trace links');
}
