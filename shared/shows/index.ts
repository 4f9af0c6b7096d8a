/**
 * @module shows
 * Shows: a host's run of lots, each an auction, with the run sheet, the winner's one
 * checkout per builder and the host's cut.
 *
 * This file is the module's only public face: other modules, the router and the functions
 * import from here, never from its folders.
 */
import type { JobUseCases } from '../discord';
import type { showRoutes } from './routes';
export { payNowRefusals } from './rules/show-checkout-messages';
export { type ShowCheckout, showCheckoutKind, showCheckoutPath } from './rules/show-checkout';
export { type Show, type ShowLot, showPath, showsCollection } from './rules/show';
export type { FinishedLots } from './use-cases/finished-lots';
export { type ShowPaymentDeps } from './use-cases/show-deps';

// Use cases load on their first call, so what only routes (the Discord ingress) never loads them.
import type * as AddLot from './use-cases/add-lot';
import type * as ArrangeLots from './use-cases/arrange-lots';
import type * as CreateShow from './use-cases/create-show';
import type * as PayShow from './use-cases/pay-show';
import type * as PutUpNextLot from './use-cases/put-up-next-lot';
import type * as RefreshRunSheet from './use-cases/refresh-run-sheet';
import type * as FinishedLotsMemo from './use-cases/finished-lots';
import type * as ShowBoardView from './use-cases/show-board-view';
import type * as ShowCheckoutPayments from './use-cases/show-checkout-payments';
import type * as ShowControls from './use-cases/show-controls';
import type * as ShowLots from './use-cases/show-lots';
import type * as ShowSettings from './use-cases/show-settings';
import type * as ShowTasks from './use-cases/show-tasks';
import type * as StartShow from './use-cases/start-show';
import type * as SetPreBid from './use-cases/set-pre-bid';
import type * as PreBidsOf from './use-cases/pre-bids-of';
import type * as CountLiveShows from './use-cases/count-live-shows';
export const addLot: typeof AddLot.addLot = (...args) => (require('./use-cases/add-lot') as typeof AddLot).addLot(...args);
export const listLots: typeof ArrangeLots.listLots = (...args) => (require('./use-cases/arrange-lots') as typeof ArrangeLots).listLots(...args);
export const createShow: typeof CreateShow.createShow = (...args) => (require('./use-cases/create-show') as typeof CreateShow).createShow(...args);
export const payShow: typeof PayShow.payShow = (...args) => (require('./use-cases/pay-show') as typeof PayShow).payShow(...args);
export const putUpNextLot: typeof PutUpNextLot.putUpNextLot = (...args) =>
  (require('./use-cases/put-up-next-lot') as typeof PutUpNextLot).putUpNextLot(...args);
export const refreshRunSheet: typeof RefreshRunSheet.refreshRunSheet = (...args) =>
  (require('./use-cases/refresh-run-sheet') as typeof RefreshRunSheet).refreshRunSheet(...args);
export const finishedLotsMemo: typeof FinishedLotsMemo.finishedLotsMemo = (...args) =>
  (require('./use-cases/finished-lots') as typeof FinishedLotsMemo).finishedLotsMemo(...args);
export const showBoardView: typeof ShowBoardView.showBoardView = (...args) =>
  (require('./use-cases/show-board-view') as typeof ShowBoardView).showBoardView(...args);
export const showCheckoutPayments: typeof ShowCheckoutPayments.showCheckoutPayments = (...args) =>
  (require('./use-cases/show-checkout-payments') as typeof ShowCheckoutPayments).showCheckoutPayments(...args);
export const pressShowButton: typeof ShowControls.pressShowButton = (...args) =>
  (require('./use-cases/show-controls') as typeof ShowControls).pressShowButton(...args);
export const showLots: typeof ShowLots.showLots = (...args) => (require('./use-cases/show-lots') as typeof ShowLots).showLots(...args);
export const configureShows: typeof ShowSettings.configureShows = (...args) =>
  (require('./use-cases/show-settings') as typeof ShowSettings).configureShows(...args);
export const parseNextLotTask: typeof ShowTasks.parseNextLotTask = (...args) =>
  (require('./use-cases/show-tasks') as typeof ShowTasks).parseNextLotTask(...args);
export const parseRunSheetTask: typeof ShowTasks.parseRunSheetTask = (...args) =>
  (require('./use-cases/show-tasks') as typeof ShowTasks).parseRunSheetTask(...args);
export const preBidsOf: typeof PreBidsOf.preBidsOf = (...args) => (require('./use-cases/pre-bids-of') as typeof PreBidsOf).preBidsOf(...args);
export type { MemberPreBid } from './use-cases/pre-bids-of';
export const countLiveShows: typeof CountLiveShows.countLiveShows = (...args) =>
  (require('./use-cases/count-live-shows') as typeof CountLiveShows).countLiveShows(...args);
export const setPreBid: typeof SetPreBid.setPreBid = (...args) => (require('./use-cases/set-pre-bid') as typeof SetPreBid).setPreBid(...args);
export const startShow: typeof StartShow.startShow = (...args) => (require('./use-cases/start-show') as typeof StartShow).startShow(...args);

/** The use case of each job the show commands and the run sheet's buttons defers to a subscriber; the router serves each on its job's topic. */
export const showJobs = {
  'create-show': createShow,
  'add-lot': addLot,
  'list-lots': listLots,
  'start-show': startShow,
  'pay-show': payShow,
  'configure-shows': configureShows,
  'show-button': pressShowButton,
  'pre-bid': setPreBid,
} satisfies JobUseCases<typeof showRoutes>;
