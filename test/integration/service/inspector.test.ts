import { describe, expect, it } from 'vitest';
import { inspectionLimits } from '../../../service/pdf/inspect';
import { PdfInspector } from '../../../service/pdf/inspector';
import { pdfBomb } from '../../helpers/pdf-bomb';
import { makePdf } from './helpers';

describe('the PDF inspection pool', () => {
  it('stops a document that passes the inflate cap but needs more heap, and goes on', async () => {
    // A small heap, so the test reaches it quickly (the service's is 192 MB).
    const inspector = new PdfInspector({
      limits: inspectionLimits,
      workers: 1,
      heapMb: 48,
      timeBudgetMs: 120_000,
    });
    try {
      // 8 MB of numbers is under the 64 MB cap, so pdf-lib starts parsing, and runs out of heap.
      expect(await inspector.inspect(pdfBomb('objects', 8))).toEqual({
        kind: 'over_budget',
        reason: 'memory',
      });
      // The worker was replaced: the next document is inspected as usual.
      expect(await inspector.inspect(await makePdf(3))).toEqual({ kind: 'ok', pages: 3 });
    } finally {
      await inspector.close();
    }
  });

  it('stops a document over the time budget, queues the rest, and answers every one', async () => {
    const inspector = new PdfInspector({
      limits: inspectionLimits,
      workers: 1,
      timeBudgetMs: 300,
    });
    try {
      inspector.warm();
      const slow = inspector.inspect(pdfBomb('objects', 8));
      const next = inspector.inspect(await makePdf(2));
      expect(await slow).toEqual({ kind: 'over_budget', reason: 'time' });
      expect(await next).toEqual({ kind: 'ok', pages: 2 });
    } finally {
      await inspector.close();
    }
  });
});
