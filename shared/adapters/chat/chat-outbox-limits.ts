/** The most ordinary lines kept per channel between two sends: more than one message could ever summarise. */
export const chatLinesKept = 200;
