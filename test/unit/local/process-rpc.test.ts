/**
 * The local runtime's processes talk over Node's IPC channel; a soak kills them with
 * kill -9 at any moment. A message sent into a channel that just closed must fail the
 * call it carried, never crash the runtime with an unhandled 'error' event (EPIPE).
 */
import { fork } from 'node:child_process';
import { ProcessRpc } from '../../../shared/local/process-rpc';

describe('calls across processes when the other process dies', () => {
  it('fails a call sent to a killed child instead of crashing the sender', async () => {
    const child = fork('-e', ['setInterval(() => {}, 1000)'], { execArgv: [], stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
    await new Promise((resolve) => child.once('spawn', resolve));
    const rpc = new ProcessRpc(child);
    const crashed: unknown[] = [];
    const onUncaught = (error: unknown) => crashed.push(error);
    process.on('uncaughtException', onUncaught);
    try {
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      // The exit is seen, but the channel is not yet known to be closed by every sender.
      const outcome = await Promise.race([
        rpc.call('store', 'get', ['a']).then(
          () => 'answered',
          (error: Error) => `failed: ${error.message}`,
        ),
        new Promise((resolve) => setTimeout(() => resolve('no answer'), 2_000)),
      ]);
      expect(outcome).toMatch(/^failed: /);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(crashed).toEqual([]);
    } finally {
      process.off('uncaughtException', onUncaught);
    }
  });
});
