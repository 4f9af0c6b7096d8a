/**
 * Cloud Tasks target: a batch of a shipping wave's labels, after the builder pressed the wave's
 * button (`/c500 ship order:groupbuy:<id>`); each batch arms the next.
 */
import type { Platform } from '../shared/platform';
import { taskDone, taskFunction, taskPayload } from '../shared/triggers/task-trigger';
import { parseWaveTask, runLabelWaveBatch } from '../shared/marketplace';
import { labelWaveDeps } from '../shared/router/carrier-wiring';

export function labelWave(platform: Platform) {
  return taskFunction('labelWave', platform.config, async (req) => {
    const task = taskPayload(req, parseWaveTask);
    if (task) await runLabelWaveBatch(labelWaveDeps(platform), task);
    return taskDone;
  });
}
