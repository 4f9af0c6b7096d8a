/**
 * A process of the local runtime (`npm start` forks one for the Discord ingress and one for
 * the bid subscriber): hosts the functions the runtime hands it, each from its own module,
 * as Cloud Run hosts one function per service.
 */
import { hostFunction } from '../functions/catalog';
import { serveFunctions } from '../shared/local/function-process-host';

serveFunctions(hostFunction);
