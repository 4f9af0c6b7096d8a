/**
 * A call to a function's process that the process's death cut short (the soak's kill -9 in
 * the middle of a settle or the clock's move) is made again to the process started in its
 * place; a failure of the process still running is the caller's to see.
 */
import { callAcrossRestart } from '../../../shared/local/function-process';
import type { ProcessRpc } from '../../../shared/local/process-rpc';

type Incarnation = Promise<{ rpc: ProcessRpc }>;
const incarnation = (call: (method: string) => Promise<unknown>): Incarnation =>
  Promise.resolve({ rpc: { call: (_to: string, method: string) => call(method) } as unknown as ProcessRpc });

describe('a call to a function process across its restart', () => {
  it('is made again to the process started in place of one killed during the call', async () => {
    const calls: string[] = [];
    let current: Incarnation = incarnation((method) => {
      calls.push(`first ${method}`);
      current = incarnation(async (again) => void calls.push(`second ${again}`));
      return Promise.reject(new Error('the workers process exited (SIGKILL)'));
    });
    await callAcrossRestart(() => current, 'sync', []);
    expect(calls).toEqual(['first sync', 'second sync']);
  });

  it('throws what the process still running answered', async () => {
    const current = incarnation(() => Promise.reject(new Error('the host has no such method')));
    await expect(callAcrossRestart(() => current, 'setClockOffset', [60_000])).rejects.toThrow('the host has no such method');
  });
});
