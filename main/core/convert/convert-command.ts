import { readFile, writeFile, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Logger } from '../log/logger';
import { ConvertError, type ConvertFailure } from './convert-error';
import { OfficeConverter } from './office-converter';

/** What `kamifax convert` needs. */
export interface ConvertCommandDeps {
  dataDir: string;
  locale: string;
  log: Logger;
  workerScript: string;
  out(line: string): void;
  err(line: string): void;
  /** Tests inject a converter; the command makes (and stops) its own otherwise. */
  converter?: OfficeConverter;
}

const reasons: Record<
  'en' | 'ja',
  Record<ConvertFailure, string> & {
    usage: string;
    unreadable: string;
    unwritable: string;
    done: string;
  }
> = {
  en: {
    usage: 'Usage: kamifax convert <file> <out.pdf>',
    unreadable: 'Cannot read {file}.',
    unwritable: 'Cannot write {file}.',
    done: 'Wrote {file} ({bytes} bytes).',
    unavailable:
      'No LibreOffice or Microsoft Office was found: install LibreOffice, or print the file to the Kamifax printer.',
    password: '{file} is protected with a password: save an unprotected copy and convert that.',
    corrupt: '{file} is damaged or is not what its name says.',
    empty: '{file} is empty.',
    unsupported:
      '{file} is not a file type Kamifax converts (Word, Excel, PowerPoint, OpenDocument, RTF, text, CSV).',
    too_large: '{file} is too large to convert.',
    timeout: 'Converting {file} took too long and was stopped.',
    cancelled: 'Cancelled.',
    failed: '{file} could not be converted: save it as PDF from its program.',
  },
  ja: {
    usage: '使い方: kamifax convert <ファイル> <出力.pdf>',
    unreadable: '{file} を読み込めません。',
    unwritable: '{file} に書き込めません。',
    done: '{file} を作成しました ({bytes} バイト)。',
    unavailable:
      'LibreOffice も Microsoft Office も見つかりません。LibreOffice をインストールするか、Kamifax プリンターに印刷してください。',
    password: '{file} はパスワードで保護されています。保護を解除したコピーを変換してください。',
    corrupt: '{file} は破損しているか、拡張子と中身が一致しません。',
    empty: '{file} は空です。',
    unsupported:
      '{file} は変換できない種類のファイルです (Word、Excel、PowerPoint、OpenDocument、RTF、テキスト、CSV に対応)。',
    too_large: '{file} は大きすぎるため変換できません。',
    timeout: '{file} の変換に時間がかかりすぎたため中止しました。',
    cancelled: '中止しました。',
    failed: '{file} を変換できませんでした。元のアプリで PDF として保存してください。',
  },
};

/** Exit codes: 0 written, 1 the file could not be converted, 2 usage or file access. */
export const convertExit = { ok: 0, failed: 1, usage: 2 } as const;

/**
 * `kamifax convert <file> <out.pdf>`: the same converter Compose uses. Prints one line, in
 * the locale's language, and exits non-zero with the reason when there is no PDF. The PDF is
 * written beside its final name and renamed, so a failure never leaves half a file.
 */
export async function runConvertCommand(
  args: readonly string[],
  deps: ConvertCommandDeps,
): Promise<number> {
  const words = reasons[deps.locale.toLowerCase().startsWith('ja') ? 'ja' : 'en'];
  const say = (text: string, file: string, pages = 0) =>
    text.replace('{file}', file).replace('{bytes}', String(pages));
  const [input, output] = args;
  if (!input || !output || args.length !== 2) {
    deps.err(words.usage);
    return convertExit.usage;
  }
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(input));
  } catch {
    deps.err(say(words.unreadable, input));
    return convertExit.usage;
  }
  const converter =
    deps.converter ??
    new OfficeConverter({
      log: deps.log,
      locale: deps.locale,
      profileRoot: join(deps.dataDir, 'libreoffice'),
      workerScript: deps.workerScript,
      warm: false,
    });
  try {
    const pdf = await converter.convert({ name: basename(input), bytes });
    const partial = join(dirname(output), `.${basename(output)}.partial`);
    try {
      await writeFile(partial, pdf);
      await rename(partial, output);
    } catch {
      deps.err(say(words.unwritable, output));
      return convertExit.usage;
    }
    deps.out(say(words.done, output, pdf.length));
    return convertExit.ok;
  } catch (error) {
    if (!(error instanceof ConvertError)) throw error;
    deps.err(say(words[error.failure], input));
    return convertExit.failed;
  } finally {
    if (!deps.converter) await converter.dispose();
  }
}
