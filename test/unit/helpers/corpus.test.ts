import { afterEach, describe, expect, it, vi } from 'vitest';

describe('tests that read the shared corpus', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it('fail, not skip, when the corpus is missing and KAMIFAX_REQUIRE_SYSTEM=1', async () => {
    vi.stubEnv('KAMIFAX_REQUIRE_SYSTEM', '1');
    vi.resetModules();
    const { corpusPresent } = await import('../../helpers/corpus');
    expect(() => corpusPresent('/nonexistent/corpus')).toThrow(/KAMIFAX_REQUIRE_SYSTEM=1/);
  });

  it('skip with a message on a developer machine', async () => {
    vi.stubEnv('KAMIFAX_REQUIRE_SYSTEM', '');
    vi.resetModules();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { corpusPresent } = await import('../../helpers/corpus');
    expect(corpusPresent('/nonexistent/corpus')).toBe(false);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('/nonexistent/corpus'));
    warn.mockRestore();
  });
});
