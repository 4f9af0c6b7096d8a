/**
 * The subscriber process of the local runtime (`npm start` forks it): hosts the Pub/Sub
 * functions the runtime hands it, each from its own module, as Cloud Run would host one
 * function per service.
 */
import { hostFunction } from '../functions/catalog';
import { serveSubscribers } from '../shared/local/subscriber-process';

serveSubscribers(hostFunction);
