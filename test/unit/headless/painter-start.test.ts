import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../main/core/app';
import { createLogger } from '../../../main/core/log/logger';
import { startHeadlessServer } from '../../../main/headless/headless-server';

describe("the headless host's first-screen renderer", () => {
  let webRoot = '';
  beforeEach(async () => {
    webRoot = await mkdtemp(join(tmpdir(), 'kamifax-painter-start-'));
  });
  afterEach(async () => {
    await rm(webRoot, { recursive: true, force: true });
  });

  it('starts loading once the host listens (a task after the link is out), before any page asks', async () => {
    const calls: string[] = [];
    const server = await startHeadlessServer({
      // Nothing of the core is used until a request comes.
      core: {} as Core,
      webRoot,
      log: createLogger(() => {}, 'test'),
      painter: {
        start: () => void calls.push('start'),
        paint: () => Promise.resolve(null),
      },
    });
    try {
      // Not in the same task: the start's caller prints the link first.
      expect(calls).toEqual([]);
      await new Promise((resolve) => setImmediate(resolve));
      expect(calls).toEqual(['start']);
    } finally {
      await server.close();
    }
  });
});
