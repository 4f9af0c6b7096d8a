/**
 * `/c500 ship`'s carrier and tracking number become a link only for carriers we know, and
 * only from letters and digits: the number is a builder's input that ends up in a link a
 * buyer opens.
 */
import { carriers } from '../../orders';
import { carrierNames, trackingOf } from '../rules/tracking';

describe('tracking links', () => {
  it('builds each known carrier’s tracking page from the number, with label spaces and dashes taken out', () => {
    expect(trackingOf('ups', '1Z999AA1 0123-456784')).toEqual({
      ok: true,
      carrier: 'ups',
      tracking: '1Z999AA10123456784',
      trackingUrl: 'https://www.ups.com/track?tracknum=1Z999AA10123456784',
    });
    expect(trackingOf('usps', '9400111899223856930214')).toMatchObject({
      trackingUrl: 'https://tools.usps.com/go/TrackConfirmAction?tLabels=9400111899223856930214',
    });
    expect(trackingOf('royal-mail', 'ab123456789gb')).toMatchObject({
      tracking: 'AB123456789GB',
      trackingUrl: 'https://www.royalmail.com/track-your-item#/tracking-results/AB123456789GB',
    });
    for (const carrier of carriers.filter((c) => c !== 'other')) {
      const read = trackingOf(carrier, 'LX123456789CN');
      expect(read.ok && new URL(read.trackingUrl as string).protocol).toBe('https:');
      expect(read.ok && read.trackingUrl).toContain('LX123456789CN');
    }
  });

  it('refuses a known carrier’s number that is not 8 to 40 letters and digits, so nothing else reaches the link', () => {
    for (const bad of ['', 'short1', '1Z999AA1?x=1', 'ABC<script>123', 'A'.repeat(41), '1Z999AA1/../x', '１２３４５６７８９'])
      expect(trackingOf('ups', bad)).toEqual({ ok: false, problem: 'number' });
  });

  it('keeps another carrier’s reference as typed, on one line, with no link', () => {
    expect(trackingOf('other', '  Courier  Co #4471-B ')).toEqual({ ok: true, carrier: 'other', tracking: 'Courier Co #4471-B' });
    expect(trackingOf(undefined, 'Local courier 12')).toEqual({ ok: true, carrier: 'other', tracking: 'Local courier 12' });
    for (const bad of ['', '[click](https://evil.example)', '<@123>', 'x'.repeat(101), 'a\u0000b'])
      expect(trackingOf('other', bad)).toEqual({ ok: false, problem: 'text' });
  });

  it('refuses a carrier that is not one of the choices', () => {
    expect(trackingOf('hermes', '1Z999AA10123456784')).toEqual({ ok: false, problem: 'carrier' });
    expect(trackingOf(7, '1Z999AA10123456784')).toEqual({ ok: false, problem: 'carrier' });
  });

  it('names every carrier for people', () => {
    expect(carriers.map((c) => carrierNames[c])).toEqual(['USPS', 'UPS', 'FedEx', 'DHL', 'Royal Mail', 'Canada Post', 'Australia Post', 'Other']);
  });
});
