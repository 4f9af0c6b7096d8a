import type { AddressInfo } from 'node:net';
import { openPublicSocket } from '../../shared/local/public-socket';

describe('the public socket before the front process takes it', () => {
  it('answers a request 503 with Retry-After, not a reset, so a client comes back', async () => {
    const socket = await openPublicSocket(0);
    try {
      const { port } = socket.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/_local/play`, { method: 'POST', body: 'x'.repeat(100_000) });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('1');
      expect(await res.text()).toMatch(/starting/);
    } finally {
      await new Promise((r) => socket.close(r));
    }
  });
});
