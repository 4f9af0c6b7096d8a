/** What the privacy use cases need: the store, the clock and where the site is. */
import type { Clock, DocumentStore } from '../../ports';

export interface PrivacyDeps {
  store: DocumentStore;
  clock: Clock;
  publicBaseUrl: string;
}
