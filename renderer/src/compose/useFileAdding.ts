import { useCallback, useEffect, useState } from 'react';
import type { ErrorCode, ResponseOf } from '../../../preload/contract';
import type { Draft } from '../../../preload/send-contract';
import { useKamifax } from '../app/KamifaxContext';
import { detach } from '../app/detach';

/** A file main refused (or could not take), with the reason's code. */
export interface RefusedFile {
  name: string;
  code: ErrorCode;
}

/** What is being added right now: files read so far, bytes read of all. */
export interface Adding {
  names: string[];
  loaded: number;
  total: number;
}

/** Files per `drafts:addFiles` call (the contract's limit). */
const filesPerCall = 50;

/**
 * Adding files to a draft: the host's picker (`drafts:pickFiles`) in Electron, or bytes read
 * in the page (`<input type=file>`, a drop anywhere on the window) sent with `drafts:addFiles`.
 * Progress covers reading; main then converts and checks each file and answers per file.
 */
export function useFileAdding(draftId: string, onDraft: (draft: Draft) => void) {
  const kamifax = useKamifax();
  const [adding, setAdding] = useState<Adding | null>(null);
  const [refused, setRefused] = useState<RefusedFile[]>([]);
  const [dropping, setDropping] = useState(false);

  const take = useCallback(
    (value: ResponseOf<'drafts:addFiles'>) => {
      onDraft(value.draft);
      setRefused(
        value.results.flatMap((result) =>
          result.ok ? [] : [{ name: result.name, code: result.code }],
        ),
      );
    },
    [onDraft],
  );

  const addFiles = useCallback(
    async (files: readonly File[]) => {
      if (files.length === 0) return;
      const total = files.reduce((sum, file) => sum + file.size, 0);
      const names = files.map((file) => file.name);
      setAdding({ names, loaded: 0, total });
      try {
        let loaded = 0;
        const read: { name: string; bytes: Uint8Array }[] = [];
        for (const file of files) {
          read.push({ name: file.name || 'file', bytes: new Uint8Array(await file.arrayBuffer()) });
          loaded += file.size;
          setAdding({ names, loaded, total });
        }
        for (let start = 0; start < read.length; start += filesPerCall) {
          const result = await kamifax.drafts.addFiles({
            id: draftId,
            files: read.slice(start, start + filesPerCall),
          });
          if (result.ok) take(result.value);
          else setRefused(names.map((name) => ({ name, code: result.error.code })));
        }
      } finally {
        setAdding(null);
      }
    },
    [kamifax, draftId, take],
  );

  const pickFiles = useCallback(async () => {
    setAdding({ names: [], loaded: 0, total: 0 });
    try {
      const result = await kamifax.drafts.pickFiles({ id: draftId });
      if (result.ok) take(result.value);
    } finally {
      setAdding(null);
    }
  }, [kamifax, draftId, take]);

  // Files dropped anywhere on the window join the draft (documents being reordered carry a
  // type of their own and are handled by the strip).
  useEffect(() => {
    const carriesFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;
    const over = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
      setDropping(true);
    };
    const leave = (event: DragEvent) => {
      if (event.relatedTarget === null) setDropping(false);
    };
    const drop = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      setDropping(false);
      const files = [...(event.dataTransfer?.files ?? [])];
      detach('adding dropped files', addFiles(files));
    };
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [addFiles]);

  return { adding, refused, dropping, addFiles, pickFiles, clearRefused: () => setRefused([]) };
}
