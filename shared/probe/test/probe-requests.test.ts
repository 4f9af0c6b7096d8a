/**
 * The probe's two requests and its signature: the shapes the ingress lets through with the
 * probe's key, and what it refuses because it claims to be the probe's.
 */
import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { readInteraction } from '../../discord';
import { snowflakeTimeMs } from '../../common';
import { claimsToBeProbe, isProbeBid, probeId, probeInteraction, probePrivateKey, probeRequestOf, probeSigner } from '../index';

const at = Date.parse('2026-11-28T04:00:00Z');

describe('the probe’s requests', () => {
  it('are interactions the ingress reads, stamped with the time they were made', () => {
    for (const request of ['ping', 'bid'] as const) {
      const interaction = probeInteraction(request, at, 5);
      expect(readInteraction(JSON.parse(JSON.stringify(interaction)))).toMatchObject({ ok: true });
      expect(snowflakeTimeMs(interaction.id)).toBe(at);
      expect(probeRequestOf(interaction)).toBe(request);
    }
  });

  it('use an id no Discord object has: stamped before Discord existed (May 2015)', () => {
    expect(snowflakeTimeMs(probeId)).toBeLessThan(Date.parse('2015-05-01T00:00:00Z'));
  });

  it('ask for nothing but a PING or the probe’s own bid', () => {
    const bid = probeInteraction('bid', at, 1);
    expect(probeRequestOf({ ...bid, type: 2, data: { name: 'bid' } })).toBeUndefined();
    expect(probeRequestOf({ ...bid, channel_id: '910000000000000001' })).toBeUndefined();
    expect(probeRequestOf({ ...bid, guild_id: '900000000000000001' })).toBeUndefined();
    expect(probeRequestOf({ ...bid, data: { custom_id: 'bid:a1b2c3d4:3000', component_type: 2 } })).toBeUndefined();
    expect(isProbeBid(bid)).toBe(true);
  });

  it('are recognised when anything of the probe’s is claimed: its button, its server or its channel', () => {
    const member = {
      ...probeInteraction('bid', at, 1),
      guild_id: '900000000000000001',
      channel_id: '910000000000000001',
      data: { custom_id: 'x', component_type: 2 },
    };
    expect(claimsToBeProbe(member)).toBe(false);
    expect(claimsToBeProbe({ ...member, data: { custom_id: 'c500-probe:bid', component_type: 2 } })).toBe(true);
    expect(claimsToBeProbe({ ...member, guild_id: probeId })).toBe(true);
    expect(claimsToBeProbe({ ...member, channel_id: probeId })).toBe(true);
  });
});

describe('the probe’s signature', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const hex = privateKey.export({ format: 'der', type: 'pkcs8' }).toString('hex');

  it('signs the timestamp followed by the body, as Discord does, stamped now unless told', () => {
    const sign = probeSigner(probePrivateKey(hex), () => new Date(at));
    const headers = sign('{"type":1}');
    expect(headers['x-signature-timestamp']).toBe(String(at / 1000));
    const signed = Buffer.from(`${at / 1000}{"type":1}`);
    expect(
      verify(null, signed, createPublicKey(publicKey.export({ format: 'pem', type: 'spki' })), Buffer.from(headers['x-signature-ed25519'] ?? '', 'hex')),
    ).toBe(true);
    expect(sign('{}', '1700000000')['x-signature-timestamp']).toBe('1700000000');
  });

  it('reads the key as hex PKCS#8 or as PEM, and refuses anything else', () => {
    const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    expect(probePrivateKey(`${hex}\n`).asymmetricKeyType).toBe('ed25519');
    expect(probePrivateKey(pem).asymmetricKeyType).toBe('ed25519');
    expect(() => probePrivateKey('not a key')).toThrow(/neither PEM nor PKCS#8/);
  });

  it('refuses a key that is not Ed25519', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'der', type: 'pkcs8' }).toString('hex');
    expect(() => probeSigner(probePrivateKey(rsa))).toThrow(/not an Ed25519 key/);
  });
});
