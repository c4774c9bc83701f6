import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { systemComponent } from './system';

/** The shared corpus beside the project, read in place (never copied into it). */
export const corpusDir = fileURLToPath(new URL('../../../shared/corpus', import.meta.url));

/**
 * Whether the corpus (or one file of it) is there. Missing, a developer's run skips with a
 * message and a run with KAMIFAX_REQUIRE_SYSTEM=1 fails, as for any system component.
 */
export function corpusPresent(path = corpusDir): boolean {
  return systemComponent(
    `the shared corpus (${path})`,
    existsSync(path),
    'check out the shared folder beside the project (../shared/corpus)',
  );
}
