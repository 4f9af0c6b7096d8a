/**
 * @module throttled-lines
 * What the local runtime prints as it works (every outbound Discord call): each line while
 * a person could read them, and during a herd of a thousand bids a second a count of the
 * rest each second instead of a scroll nobody reads (and stdout writes the runtime would pay
 * for). Everything stays at `GET /_local/outbox`.
 */
export function throttledLines(print: (line: string) => void, options: { most: number; windowMs: number; moreAt: string }): (line: string) => void {
  let printed = 0;
  let held = 0;
  let window: NodeJS.Timeout | undefined;
  const close = () => {
    if (held > 0) print(`… and ${held} more in the last ${options.windowMs / 1000} s (${options.moreAt})`);
    printed = 0;
    held = 0;
    window = undefined;
  };
  return (line) => {
    if (!window) {
      window = setTimeout(close, options.windowMs);
      window.unref();
    }
    if (printed < options.most) {
      printed++;
      print(line);
    } else held++;
  };
}
