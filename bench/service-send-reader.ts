/**
 * Another user's reads for `service-send.bench.ts`, in a process of its own (as another user's
 * client would be), so the 50 uploads' client-side work never delays them. Forked with IPC:
 * `{ url, authorization, loops }` in `argv[2]` as JSON; on `{ run: true }` it reads his account
 * and the first page of his inbox, alternately, in `loops` loops, one request after another in
 * each, until `{ run: false }`, then answers `{ times }` (each read's latency in ms).
 */
import process from 'node:process';

const { url, authorization, loops } = JSON.parse(process.argv[2] ?? '{}') as {
  url: string;
  authorization: string;
  loops: number;
};

let running = false;
let turn = 0;

async function read(): Promise<number> {
  turn += 1;
  const path = turn % 2 ? '/v1/account' : '/v1/faxes?direction=inbound&limit=50';
  const started = performance.now();
  const response = await fetch(`${url}${path}`, { headers: { authorization } });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`unexpected ${response.status}`);
  return performance.now() - started;
}

async function readWhileRunning(): Promise<number[]> {
  const times: number[] = [];
  await Promise.all(
    Array.from({ length: loops }, async () => {
      while (running) times.push(await read());
    }),
  );
  return times;
}

const nextMessage = () =>
  new Promise<{ run: boolean }>((resolve) => process.once('message', resolve));

process.on('disconnect', () => process.exit(0));
process.send!({ ready: true });
for (;;) {
  await nextMessage();
  running = true;
  const round = readWhileRunning();
  process.send!({ started: true });
  await nextMessage();
  running = false;
  process.send!({ times: await round });
}
