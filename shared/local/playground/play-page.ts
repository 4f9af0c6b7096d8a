/**
 * @module play-page
 * The playground's HTML: a shell the page script fills in. It says what it is before the
 * script runs, and works without a network beyond this runtime.
 */
import { bareShell } from '../../common';

/** A member's avatar: a plain head and shoulders, drawn here. */
export const avatarSvg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="32" fill="#5865f2"/><circle cx="32" cy="25" r="11" fill="#fff"/><path d="M12 54c3-11 11-17 20-17s17 6 20 17" fill="#fff"/></svg>`;

export function playPage(base: string): string {
  return bareShell(
    'app',
    'C500 playground (local)',
    `  <link rel="stylesheet" href="${base}/play.css">
  <script>
    // Read by the message components as they load: every avatar from this runtime, none from Discord's CDN (nothing but this runtime is reached).
    window.$discordMessage = { avatars: { default: '${base}/avatar.svg', c500: '/favicon.svg' } };
  </script>
  <script type="module" src="${base}/app.js"></script>`,
    `  <div id="app" class="app">
    <p class="loading">The C500 playground is loading: Discord, Stripe and Twitch played by this local runtime.</p>
  </div>`,
  );
}
