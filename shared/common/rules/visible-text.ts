/**
 * @module visible-text
 * Text people type that others will see: drop titles, auction items, race titles, names.
 * Two tricks make such text lie: characters that show nothing (a title of zero-width
 * spaces posts a blank drop) and bidirectional controls (a right-to-left override makes
 * `gpj.exe` read as `exe.jpg`, or turns a price around). Controls that reorder text are
 * removed from whatever others see; text that shows nothing is refused.
 */

/** Embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) and the Arabic letter mark. */
const bidiControls = /[\u202A-\u202E\u2066-\u2069\u061C]/g;

/**
 * What renders as nothing: whitespace, zero-width and joiner characters, directional marks,
 * invisible operators, soft hyphens, fillers (Hangul, braille blank), variation selectors,
 * tag characters and combining marks with nothing to combine with.
 */
const invisible =
  // eslint-disable-next-line no-misleading-character-class -- each code point is matched alone: lone combining marks and joiners are what this removes
  /[\s\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180E\u200B-\u200F\u202A-\u202E\u2060-\u206F\u2800\u3164\uFE00-\uFE0F\uFEFF\uFFA0\u{E0000}-\u{E007F}\u{E0100}-\u{E01EF}\p{M}]/gu;

/** The text with every control that reorders it removed, trimmed. */
export function withoutBidiControls(text: string): string {
  return text.replace(bidiControls, '').trim();
}

/** True when the text would show nothing at all. */
export function isVisiblyEmpty(text: string): boolean {
  return text.replace(invisible, '').length === 0;
}

/**
 * Typed text made safe to show others: reordering controls removed; undefined when nothing
 * visible is left, so the caller can ask for something to show.
 */
export function visibleText(raw: string): string | undefined {
  const text = withoutBidiControls(raw);
  return isVisiblyEmpty(text) ? undefined : text;
}

/** The name to show for a Discord user: their display name when it shows something, else their username. */
export function personName(user: { username: string; global_name?: string | null | undefined }, maxLength = 32): string {
  const name = visibleText(user.global_name ?? '') ?? visibleText(user.username) ?? 'someone';
  return [...name].slice(0, maxLength).join('');
}
