/** Reading what a person was shown: a message's links, buttons and words, and a typed price. */
import type { DiscordMessage } from '../../shared/ports';

/** The first link button's URL in a message (a checkout, an onboarding or authorize link). */
export function linkOf(message: DiscordMessage | undefined): string | undefined {
  const rows = (message?.components ?? []) as Array<{ components?: Array<{ url?: string }> }>;
  return rows.flatMap((r) => r.components ?? []).find((c) => c.url)?.url;
}

/** Every custom id on a message's buttons. */
export function buttonsOf(message: DiscordMessage | undefined): string[] {
  const rows = (message?.components ?? []) as Array<{ components?: Array<{ custom_id?: string }> }>;
  return rows.flatMap((r) => r.components ?? []).flatMap((c) => (c.custom_id ? [c.custom_id] : []));
}

export function textOf(message: DiscordMessage | undefined): string {
  if (!message) return '';
  return [
    message.content ?? '',
    ...(message.embeds ?? []).flatMap((e) => [
      e.title ?? '',
      e.description ?? '',
      ...(e.fields ?? []).map((f) => `${f.name} ${f.value}`),
      e.footer?.text ?? '',
    ]),
  ].join('\n');
}

/** A price as the soak types it ("12.34"), in cents. */
export const cents = (amount: string): number => Math.round(Number(amount) * 100);
