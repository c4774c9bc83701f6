import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ServiceRunner } from '../core/session/embedded-service';
import {
  driveServiceChild,
  type ServiceProcessReply,
} from '../core/session/service-process-protocol';

/** The service process's entry beside the core (TypeScript here: the headless host runs from source). */
const entry = fileURLToPath(new URL('../core/session/service-process.ts', import.meta.url));

/**
 * Runs the embedded service in a Node child process (loaded through tsx, as `start:web` is),
 * so the service's requests, PDF checks and database never share the host's event loop.
 */
export function childProcessRunner(): ServiceRunner {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return async (config) => {
    const child = fork(entry, [], {
      execArgv: ['--import', tsx],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    return driveServiceChild(
      {
        send: (message) => child.send(message),
        onReply: (listener) => child.on('message', (m) => listener(m as ServiceProcessReply)),
        onExit: (listener) => child.on('exit', (code) => listener(code)),
        kill: () => child.kill(),
      },
      config,
    );
  };
}
