/**
 * A racer's moves as the soak reads them: their entries in the journal, the only ledger
 * (issue 75), each as the line of their ledger (`racerLineOf`).
 */
import type { JournalEntry } from '../../shared/journal';
import { racerLineOf, type RacerLine } from '../../shared/races';
import { collection, type SoakWorld } from './world';

export const racerLines = (world: Pick<SoakWorld, 'docs'>): RacerLine[] => collection<JournalEntry>(world, 'journal').flatMap((d) => racerLineOf(d.data) ?? []);
