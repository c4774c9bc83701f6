import { deflateSync } from 'node:zlib';

/**
 * Hand-built hostile PDFs for the service's inspection budget: small files that inflate to a
 * lot. `objects` hides a huge array in an object stream (pdf-lib parses it while loading: the
 * slow, memory-hungry one); `content` is a page whose content stream inflates to `inflatedMb`.
 */
export function pdfBomb(kind: 'objects' | 'content', inflatedMb = 100): Uint8Array {
  const size = inflatedMb * 1024 * 1024;
  const payload =
    kind === 'objects'
      ? Buffer.concat([Buffer.from('5 0   ['), Buffer.alloc(size, '0 '), Buffer.from(']')])
      : Buffer.alloc(size, '0 0 m 1 1 l S\n');
  const compressed = deflateSync(payload, { level: 9 });
  const parts: Buffer[] = [];
  const offsets: number[] = [];
  let length = 0;
  const push = (part: string | Buffer) => {
    const bytes = typeof part === 'string' ? Buffer.from(part, 'latin1') : part;
    parts.push(bytes);
    length += bytes.length;
  };
  const object = (n: number, body: string) => {
    offsets[n] = length;
    push(`${n} 0 obj\n${body}\nendobj\n`);
  };
  push('%PDF-1.7\n');
  object(1, '<< /Type /Catalog /Pages 2 0 R >>');
  object(2, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>');
  object(3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>');
  offsets[4] = length;
  const streamType = kind === 'objects' ? '/Type /ObjStm /N 1 /First 6 ' : '';
  push(`4 0 obj\n<< ${streamType}/Length ${compressed.length} /Filter /FlateDecode >>\nstream\n`);
  push(compressed);
  push('\nendstream\nendobj\n');
  const xref = length;
  const entries = offsets
    .slice(1)
    .map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`)
    .join('');
  push(`xref\n0 5\n0000000000 65535 f \n${entries}trailer\n<< /Size 5 /Root 1 0 R >>\n`);
  push(`startxref\n${xref}\n%%EOF\n`);
  return Buffer.concat(parts);
}
