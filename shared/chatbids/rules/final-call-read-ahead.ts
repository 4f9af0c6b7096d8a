/**
 * How long before the stated end (by the later of Twitch's time and ours) chat asks the book
 * whether the final call has begun: a process clock further behind Redis's than this is an
 * outage of its own (Cloud Run's hosts keep time by Google's NTP to within milliseconds).
 * The capacity model counts the reads it costs (docs/capacity.md).
 */
export const finalCallReadAheadMs = 5_000;
