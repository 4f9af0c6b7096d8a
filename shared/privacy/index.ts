/**
 * @module privacy
 * What C500 keeps about people (issue 51): the one table of kept data, the privacy and terms
 * pages made from it, and a member's export and erasure of their own data.
 *
 * This file is the module's only public face: other modules, the router and the functions
 * import from here, never from its folders.
 */
export { keptDocuments } from './rules/kept-data';
export { type KeptDocument, type KeptFact, type Audience, type Recipient, type ErasureEffect } from './rules/kept-data-types';
export { classifyField, type FieldClass } from './rules/classify-field';
export { privacyPageHtml, termsPageHtml, privacyPages } from './rules/privacy-page';
