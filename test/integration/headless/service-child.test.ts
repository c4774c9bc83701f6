import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { embeddedService } from '../../../main/core/session/embedded-service';
import { childProcessRunner } from '../../../main/headless/service-child';

describe('the demo service in a child process (headless host)', () => {
  it('runs the real service in another process, without the OpenAPI document, and stops it', async () => {
    const service = embeddedService(mkdtempSync(join(tmpdir(), 'kamifax-child-')), {
      runner: childProcessRunner(),
    });
    const url = await service.start();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    // The demo accounts are there: the service answers a sign-in.
    const signIn = await fetch(`${url}/v1/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grantType: 'password',
        email: 'alice@example.com',
        password: 'kamifax-demo',
      }),
    });
    expect(signIn.status).toBeLessThan(500);
    // @fastify/swagger is not loaded by the app's embedded service.
    expect((await fetch(`${url}/v1/openapi.json`)).status).toBe(404);
    await service.stop();
    await expect(fetch(`${url}/v1/openapi.json`)).rejects.toThrow();
  });
});
