import { utilityProcess } from 'electron';
import { join } from 'node:path';
import type { ServiceRunner } from '../core/session/embedded-service';
import {
  driveServiceChild,
  type ServiceProcessReply,
} from '../core/session/service-process-protocol';

/**
 * Runs the embedded demo service in an Electron utility process (built beside the main
 * bundle as `service-process.js`), off the main process's event loop: a slow PDF check or a
 * database write in the service cannot stall the window's IPC.
 */
export function utilityProcessRunner(mainDir: string): ServiceRunner {
  return async (config) => {
    const child = utilityProcess.fork(join(mainDir, 'service-process.js'), [], {
      serviceName: 'Kamifax local service',
      stdio: 'inherit',
    });
    return driveServiceChild(
      {
        send: (message) => child.postMessage(message),
        onReply: (listener) => child.on('message', (m) => listener(m as ServiceProcessReply)),
        onExit: (listener) => child.on('exit', (code) => listener(code)),
        kill: () => child.kill(),
      },
      config,
    );
  };
}
