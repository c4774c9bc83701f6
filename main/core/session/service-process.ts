/**
 * The entry of the embedded service's own process: Electron's utilityProcess (messages on
 * `process.parentPort`) or a Node child process (`process.send`). It waits for its
 * configuration, starts the service, answers with the URL, and closes on `stop`, so the
 * service's work never runs on the main process's event loop.
 */
import { inProcessRunner } from './embedded-service';
import type { ServiceProcessMessage, ServiceProcessReply } from './service-process-protocol';

interface ParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

const parentPort = (process as { parentPort?: ParentPort }).parentPort;
const reply = (message: ServiceProcessReply) => {
  if (parentPort) parentPort.postMessage(message);
  else process.send?.(message);
};

/** Serves the parent's messages; the started service lives in this closure. */
function serveParent(): void {
  let running: Awaited<ReturnType<typeof inProcessRunner>> | null = null;

  const handle = async (message: ServiceProcessMessage): Promise<void> => {
    if (message.kind === 'start') {
      try {
        running = await inProcessRunner(message.config);
        reply({ kind: 'started', url: running.url });
      } catch (error) {
        reply({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
      }
      return;
    }
    await running?.close();
    reply({ kind: 'stopped' });
    process.exit(0);
  };

  const onMessage = (message: unknown) => {
    handle(message as ServiceProcessMessage).catch((error: unknown) => {
      process.stderr.write(`embedded service: ${String(error)}\n`);
      process.exit(1);
    });
  };
  if (parentPort) parentPort.on('message', (event) => onMessage(event.data));
  else process.on('message', onMessage);
  // The parent is gone (crashed or killed): nothing is left to serve.
  process.on('disconnect', () => process.exit(0));
}

serveParent();
