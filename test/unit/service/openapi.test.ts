import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type RunningService } from '../../../service/server';
import { formatOpenapi, generateOpenapi, openapiPath } from '../../../service/write-openapi';

describe('service/openapi.json', () => {
  let dataDir: string;
  let service: RunningService;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kamifax-openapi-test-'));
    service = await startService({ port: 0, dataDir });
  });

  afterAll(async () => {
    await service.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('is exactly what the running service serves (run `npm run service:openapi` after a schema change)', async () => {
    const committed: unknown = JSON.parse(await readFile(openapiPath, 'utf8'));
    const response = await fetch(`${service.url}/v1/openapi.json`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(committed);
  });

  it('is committed in the format the script writes', async () => {
    expect(await readFile(openapiPath, 'utf8')).toBe(formatOpenapi(await generateOpenapi()));
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const result = await validator.validate(JSON.parse(await readFile(openapiPath, 'utf8')));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });
});
