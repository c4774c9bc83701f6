import { chmod, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { shQuote, type PrinterRegistration, type RegistrationStatus } from './registration';

/** The item's name in the macOS print dialog's PDF menu (the file's name in PDF Services). */
export const pdfServiceName = 'Send with Kamifax';

/**
 * The "Send with Kamifax" PDF Services tool: macOS runs it with the document's title, the
 * print options and the PDF's path (older systems: the path alone), so the path is the last
 * argument. macOS deletes the PDF once the tool returns, so it is copied first, named after
 * the title, into a folder of its own under $TMPDIR (which macOS cleans up), and opened with
 * the app by bundle id: LaunchServices starts Kamifax or hands the running one the file
 * (`open-file`), which makes a new draft as "Open with" does. Nothing is ever sent by itself.
 */
export function pdfServiceScript(bundleId: string): string {
  return `#!/bin/sh
# ${pdfServiceName}: made by Kamifax (Settings > Kamifax printer); Remove there deletes it.
[ "$#" -ge 1 ] || { echo "usage: $0 [title options] file.pdf" >&2; exit 64; }
for pdf in "$@"; do :; done
if [ "$#" -ge 3 ]; then title=$1; else title=$(basename "$pdf" .pdf); fi
name=$(printf '%s' "$title" | tr '/:\\\\' '___' | tr -d '\\000-\\037' | cut -c1-120)
[ -n "$name" ] || name='Printed document'
dir=$(mktemp -d "\${TMPDIR:-/tmp}/kamifax-print.XXXXXX") || exit 73
cp "$pdf" "$dir/$name.pdf" || exit 74
exec /usr/bin/open -b ${shQuote(bundleId)} "$dir/$name.pdf"
`;
}

/** macOS: the PDF menu item in the user's own ~/Library/PDF Services (no administrator). */
export class PdfServicesItem {
  constructor(
    private readonly options: {
      /** The user's home folder. */
      home: string;
      /** The app's bundle id (electron-builder.yml appId). */
      bundleId: string;
    },
  ) {}

  /** Where the tool lives. */
  get path(): string {
    return join(this.options.home, 'Library', 'PDF Services', pdfServiceName);
  }

  async state(): Promise<RegistrationStatus> {
    const info = await stat(this.path).catch(() => null);
    if (!info) return { state: 'missing', detail: null };
    const current = await readFile(this.path, 'utf8').catch(() => '');
    if (current !== pdfServiceScript(this.options.bundleId) || (info.mode & 0o111) === 0)
      return { state: 'broken', detail: `“${pdfServiceName}” in the PDF menu is out of date` };
    return { state: 'installed', detail: null };
  }

  async install(): Promise<void> {
    await mkdir(join(this.options.home, 'Library', 'PDF Services'), { recursive: true });
    await writeFile(this.path, pdfServiceScript(this.options.bundleId), { mode: 0o755 });
    await chmod(this.path, 0o755);
  }

  async remove(): Promise<void> {
    await rm(this.path, { force: true });
  }
}

/**
 * macOS: the CUPS queue (administrator rights) and the PDF menu item (none), installed and
 * removed together from Settings. The item goes in first, so it is there even when the
 * administrator password is refused; the state names whichever part is missing.
 */
export class MacRegistration implements PrinterRegistration {
  readonly method = 'cups' as const;

  constructor(
    private readonly cups: PrinterRegistration,
    private readonly item: Pick<PdfServicesItem, 'state' | 'install' | 'remove'>,
  ) {}

  async state(): Promise<RegistrationStatus> {
    const [queue, item] = await Promise.all([this.cups.state(), this.item.state()]);
    if (queue.state === 'unsupported') return item;
    if (queue.state === 'installed' && item.state !== 'installed')
      return {
        state: 'broken',
        detail: item.detail ?? `“${pdfServiceName}” is not in the PDF menu`,
      };
    if (queue.state === 'missing' && item.state === 'installed')
      return { state: 'missing', detail: `only “${pdfServiceName}” in the PDF menu is installed` };
    return queue;
  }

  async install(): Promise<void> {
    await this.item.install();
    await this.cups.install();
  }

  async remove(): Promise<void> {
    await this.item.remove();
    await this.cups.remove();
  }
}
