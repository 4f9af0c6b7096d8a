/**
 * A number typed by hand in `/c500 ship` starts a tracker with the carrier as EasyPost names
 * it; `other` (a local courier's reference) starts none.
 */
import { easyPostCarrierOf } from '../rules/tracking';

it.each([
  ['usps', 'USPS'],
  ['ups', 'UPS'],
  ['fedex', 'FedEx'],
  ['dhl', 'DHLExpress'],
  ['royal-mail', 'RoyalMail'],
  ['canada-post', 'CanadaPost'],
  ['australia-post', 'AustraliaPost'],
] as const)('names %s as EasyPost does: %s', (carrier, name) => {
  expect(easyPostCarrierOf(carrier)).toBe(name);
});

it('names no EasyPost carrier for other', () => {
  expect(easyPostCarrierOf('other')).toBeUndefined();
});
