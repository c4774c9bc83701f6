import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

/** True when CI asked that no system-dependent test may skip (`KAMIFAX_REQUIRE_SYSTEM=1`). */
export const systemRequired = process.env.KAMIFAX_REQUIRE_SYSTEM === '1';

/**
 * Says whether a system component is present. When it is missing, a developer's run skips
 * with a clear message; a run with KAMIFAX_REQUIRE_SYSTEM=1 fails instead, so CI never
 * skips silently. Use the result with `describe.skipIf(!present)`.
 */
export function systemComponent(name: string, present: boolean, install: string): boolean {
  if (present) return true;
  const message = `${name} is not available here; to run them: ${install}`;
  if (systemRequired) throw new Error(`KAMIFAX_REQUIRE_SYSTEM=1 but ${message}`);
  // One line naming the test file that skipped and why (vitest prints it with the file).
  const file = /(test\/[\w/.-]+\.test\.ts)/.exec(new Error().stack ?? '')?.[1] ?? 'some tests';
  console.warn(`Skipped ${file}: ${message}.`);
  return false;
}

/** Finds an executable on PATH or at one of the given absolute paths. */
export function findExecutable(name: string, candidates: readonly string[] = []): string | null {
  for (const candidate of candidates) if (existsSync(candidate)) return candidate;
  try {
    return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

/** Debian's Chromium, when installed. */
export const chromiumPath = findExecutable('chromium', ['/usr/bin/chromium']);

/** Launch flags for Chromium on a machine with a closed network and no GPU. */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];
