/**
 * @module recent-ids
 * An ingress's memory of the ids it has already handed off (Discord interaction ids,
 * Stripe event ids, Twitch message ids), so a repeated delivery to the same instance is
 * answered without publishing twice. Bounded; the subscribers' store-backed dedupe is
 * what makes a repeat to another instance harmless.
 */
export class RecentIds {
  private readonly ids = new Set<string>();

  constructor(private readonly capacity = 10_000) {}

  /** Answers true the first time an id is seen, false on every repeat. */
  claim(id: string): boolean {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    if (this.ids.size > this.capacity) this.ids.delete(this.ids.values().next().value as string);
    return true;
  }

  /** Gives an id back when its hand-off failed, so the sender's retry is not taken for a repeat. */
  release(id: string): void {
    this.ids.delete(id);
  }

  /**
   * Hands an id's work off once: answers false for a repeat without calling `handOff`;
   * when `handOff` throws, the id is released and the error rethrown, so a retry goes through.
   */
  async once(id: string, handOff: () => Promise<unknown>): Promise<boolean> {
    if (!this.claim(id)) return false;
    try {
      await handOff();
      return true;
    } catch (error) {
      this.release(id);
      throw error;
    }
  }
}
