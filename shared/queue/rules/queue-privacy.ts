/**
 * @module queue-privacy
 * A buyer may keep their name out of the builders' lines (`/c500 profile queue-name:hide`):
 * everyone else then sees "a buyer" at their place. Stored at `queuePrivacy/<user id>`.
 */
import { docPath } from '../../ports';

export interface QueuePrivacy {
  nameHidden: boolean;
  at: string;
}

export const queuePrivacyPath = (userId: string) => docPath<QueuePrivacy>(`queuePrivacy/${userId}`);
