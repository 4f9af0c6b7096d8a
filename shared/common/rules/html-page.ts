/**
 * @module html-page
 * Text made safe to write into HTML. Every page is built by `layout`; this is what its
 * callers use on whatever a person or a shop typed.
 */

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}
