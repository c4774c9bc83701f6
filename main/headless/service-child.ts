import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ServiceRunner } from '../core/session/embedded-service';
import {
  driveServiceChild,
  type ServiceProcessReply,
} from '../core/session/service-process-protocol';

/**
 * The service process's entry: built beside the host in `out/headless` (host-build.ts) when
 * the host runs built, else the TypeScript source beside the core, loaded through tsx.
 */
export function serviceEntry(): { entry: string; execArgv: string[] } {
  const here = fileURLToPath(import.meta.url);
  const built = join(dirname(here), 'service-process.js');
  if (here.endsWith('.js') && existsSync(built)) return { entry: built, execArgv: [] };
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return {
    entry: fileURLToPath(new URL('../core/session/service-process.ts', import.meta.url)),
    execArgv: ['--import', tsx],
  };
}

/**
 * Runs the embedded service in a Node child process, so the service's requests, PDF checks
 * and database never share the host's event loop.
 */
export function childProcessRunner(): ServiceRunner {
  return async (config) => {
    const { entry, execArgv } = serviceEntry();
    const child = fork(entry, [], {
      execArgv,
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
