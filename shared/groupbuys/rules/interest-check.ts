/**
 * @module interest-check
 * An interest check (`interestChecks/<id>`): a builder gauges demand before opening a group
 * buy. Members say they would buy (`interestChecks/<id>/interest/<member id>`, one a member,
 * with a quantity), which binds nobody and charges nothing; the post counts people and units as
 * they come, and the builder alone sees who. Opened as a group buy (`from:<check id>`), the
 * check is `converted`, everyone interested is told, and their interest, its job done, is
 * deleted; never opened, it is `ended` 30 days after its posting (interest-end) and its
 * interest deleted then.
 *
 * Pure: types, paths and ids.
 */
import { collectionGroup, collectionPath, docPath } from '../../ports';
import { shortIdFrom } from '../../common';

export const interestCheckStatuses = ['open', 'converted', 'ended'] as const;
/**
 * `open`: taking interest. `converted`: opened as a group buy (`groupBuyId`); the post says
 * where. `ended`: never opened, and past its time; the post says so. Only `open` takes interest.
 */
export type InterestCheckStatus = (typeof interestCheckStatuses)[number];

export interface InterestCheck {
  checkId: string;
  guildId: string;
  channelId: string;
  builderId: string;
  builderName: string;
  title: string;
  description?: string;
  /** An https picture of the thing, shown on the post (and taken by the group buy opened from it). */
  imageUrl?: string;
  /** The price the builder expects, per unit, in the smallest unit of `currency`. */
  priceCents: number;
  currency: string;
  /** The units the builder needs for it to happen. */
  moq: number;
  status: InterestCheckStatus;
  /** Kept with every change of interest (an erasure's too), in the same transaction: the post reads these. Kept as the last count once it ends. */
  interestedPeople: number;
  interestedUnits: number;
  /** The post with **Interested**: edited as interest comes and goes, and when it opens. */
  messageId?: string;
  /** Once converted: the group buy opened from it, and when. */
  groupBuyId?: string;
  convertedAt?: string;
  /** When it ended without opening as a group buy. */
  endedAt?: string;
  /** The `/groupbuy interest` that made it: its redelivery answers as the first. */
  byInteraction: string;
  createdAt: string;
}

/** One member's interest: the document's id is their Discord id, so a member counts once however often they press. */
export interface Interest {
  checkId: string;
  /** Personal: the member's Discord id. */
  memberId: string;
  /** Personal: how the builder's list names them. */
  memberName: string;
  quantity: number;
  at: string;
  /** The modal that last set it: a redelivery changes nothing twice. */
  byInteraction: string;
}

export const interestChecksCollection = collectionPath<InterestCheck>('interestChecks');
export const interestCheckPath = (id: string) => docPath<InterestCheck>(`interestChecks/${id}`);
export const interestCollection = (id: string) => collectionPath<Interest>(`interestChecks/${id}/interest`);
export const interestPath = (id: string, memberId: string) => docPath<Interest>(`interestChecks/${id}/interest/${memberId}`);
/** Every check's interest at once: a member's, wherever they gave it (their erasure). */
export const interestGroup = collectionGroup<Interest>('interest');
/** The check an interest found through the group belongs to, from its path. */
export const checkIdOfInterest = (path: string): string | undefined => /^interestChecks\/([^/]+)\/interest\/[^/]+$/.exec(path)?.[1];

/** Derived from the command that made it: a redelivery names the same check. */
export const checkIdFrom = (interactionId: string) => shortIdFrom(`interest-check:${interactionId}`);
/** Derived from the command that made it: a redelivery names the same group buy. */
export const groupBuyIdFrom = (interactionId: string) => shortIdFrom(`groupbuy:${interactionId}`);
/** The ids `shortIdFrom` makes: 8 of its 32 characters. */
export const isShortIdShaped = (id: string) => /^[0-9a-z]{8}$/.test(id);
