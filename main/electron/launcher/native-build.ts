import { shortReason } from './electron-runtime';

/** What `ensureSqliteForElectron` needs; `start.ts` passes the real ones, tests fakes. */
export interface NativeBuildSteps {
  electronVersion: string;
  /** Where the Electron-ABI build goes (`electronSqliteBuildPath`). */
  target: string;
  exists(path: string): boolean;
  /** Builds (or downloads) better-sqlite3 for Electron and writes it to `target`. */
  build(): Promise<void>;
  print(line: string): void;
}

/**
 * Makes sure better-sqlite3 has a build for Electron's ABI in its own folder, leaving the
 * Node build that the tests load untouched. keytar 7 needs nothing: it is a Node-API module,
 * which loads in Node and Electron alike. Resolves true when the build is there.
 */
export async function ensureSqliteForElectron(steps: NativeBuildSteps): Promise<boolean> {
  if (steps.exists(steps.target)) return true;
  steps.print(
    `Kamifax: preparing the database module for Electron ${steps.electronVersion} (once)…`,
  );
  try {
    await steps.build();
  } catch (error) {
    steps.print(
      `Kamifax: the database module could not be built for Electron ${steps.electronVersion} ` +
        `(${shortReason(error)}); it needs the internet for a prebuilt copy, or a C++ toolchain ` +
        'and Python (sudo apt-get install build-essential python3); `npm run start:web` works meanwhile.',
    );
    return false;
  }
  if (!steps.exists(steps.target)) {
    steps.print(`Kamifax: the database module build finished but ${steps.target} is missing.`);
    return false;
  }
  return true;
}
