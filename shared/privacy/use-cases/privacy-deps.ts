/** What the privacy use cases need: the store, the clock and where the site is. */
import type { Clock, DocumentStore } from '../../ports';

export interface PrivacyDeps {
  store: DocumentStore;
  clock: Clock;
  publicBaseUrl: string;
  /**
   * What an erasure does outside Firestore, for each of the person's identities (`person` is the
   * one who asked: their own id, or a Discord member a Twitch account is linked to), before the
   * store forgets the member's links: the live auction books forget their maxima (wired by the
   * router, which knows the modules).
   */
  eraseElsewhere?: (identity: string, person: string) => Promise<number>;
  /**
   * The live auctions whose book holds something of the person (a max, a refused bid's time):
   * a cheap look an erasure asked again makes, so a bid made since the last one is searched for
   * (wired by the router): none when unwired.
   */
  liveHeld?: (personId: string) => Promise<string[]>;
  /** What other stores keep of the member, a line each (`1 × your bid and max in an auction still live…`): none when unwired. */
  keptElsewhere?: (memberId: string) => Promise<string[]>;
  /**
   * What an erasure cannot undo and the member may end first: each group buy they are pledged to
   * while it is open (its card is charged at the close whatever they erased), with its post,
   * where its Leave button is (wired by the router): none when unwired.
   */
  leaveFirst?: (memberId: string) => Promise<LeaveFirst[]>;
}

/** A pledge to leave before erasing: the group buy's title and its post. */
export interface LeaveFirst {
  title: string;
  postUrl: string;
}
