import type { Database as Db } from 'better-sqlite3';
import type { Cover, Draft, DraftDocument, DraftRecipient } from '../../../preload/send-contract';

/** The editable part of a draft, stored as one JSON column. */
export interface DraftBody {
  recipients: DraftRecipient[];
  subject: string;
  cover: Cover;
  resolution: 'fine' | 'standard';
}

/** A new draft's body. */
export const emptyBody: DraftBody = {
  recipients: [],
  subject: '',
  cover: { template: 'none', from: '', to: '', company: '', message: '' },
  resolution: 'fine',
};

interface DraftRecord {
  id: string;
  origin: Draft['origin'];
  created_at: number;
  updated_at: number;
  body: string;
}

/** Drafts and their documents' rows in the account database (the bytes are sealed files). */
export class DraftStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  /** Every draft, newest edit first. */
  list(): Draft[] {
    const records = this.db
      .prepare('SELECT * FROM drafts ORDER BY updated_at DESC')
      .all() as DraftRecord[];
    return records.map((r) => this.toDraft(r));
  }

  /** How many drafts there are. */
  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM drafts').get() as { n: number }).n;
  }

  /** One draft, or null. */
  get(id: string): Draft | null {
    const record = this.db.prepare('SELECT * FROM drafts WHERE id = ?').get(id) as
      DraftRecord | undefined;
    return record ? this.toDraft(record) : null;
  }

  /** The stored body. */
  body(id: string): DraftBody | null {
    const record = this.db.prepare('SELECT body FROM drafts WHERE id = ?').get(id) as
      { body: string } | undefined;
    return record ? { ...emptyBody, ...(JSON.parse(record.body) as Partial<DraftBody>) } : null;
  }

  /** Creates a draft. */
  create(id: string, origin: Draft['origin'], body: DraftBody): void {
    const now = this.now();
    this.db
      .prepare(
        'INSERT INTO drafts (id, origin, created_at, updated_at, body) VALUES (?, ?, ?, ?, ?)',
      )
      .run(id, origin, now, now, JSON.stringify(body));
  }

  /** Saves a new body. */
  saveBody(id: string, body: DraftBody): void {
    this.db
      .prepare('UPDATE drafts SET body = ?, updated_at = ? WHERE id = ?')
      .run(JSON.stringify(body), this.now(), id);
  }

  /** Adds a document at the end. */
  addDocument(draftId: string, doc: DraftDocument): void {
    const last = this.db
      .prepare('SELECT MAX(position) AS p FROM draft_documents WHERE draft_id = ?')
      .get(draftId) as { p: number | null };
    this.db
      .prepare(
        'INSERT INTO draft_documents (id, draft_id, position, name, kind, pages, size) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(doc.id, draftId, (last.p ?? 0) + 1, doc.name, doc.kind, doc.pages, doc.size);
    this.touch(draftId);
  }

  /** The documents in order. */
  documents(draftId: string): DraftDocument[] {
    return this.db
      .prepare(
        'SELECT id, name, kind, pages, size FROM draft_documents WHERE draft_id = ? ORDER BY position',
      )
      .all(draftId) as DraftDocument[];
  }

  /** Moves a document to an index (renumbering keeps positions small and exact). */
  moveDocument(draftId: string, documentId: string, toIndex: number): boolean {
    const ids = this.documents(draftId).map((d) => d.id);
    const from = ids.indexOf(documentId);
    if (from < 0) return false;
    ids.splice(from, 1);
    ids.splice(Math.min(toIndex, ids.length), 0, documentId);
    const update = this.db.prepare('UPDATE draft_documents SET position = ? WHERE id = ?');
    this.db.transaction(() => ids.forEach((id, index) => update.run(index + 1, id)))();
    this.touch(draftId);
    return true;
  }

  /** Removes a document's row. */
  removeDocument(draftId: string, documentId: string): boolean {
    const removed = this.db
      .prepare('DELETE FROM draft_documents WHERE draft_id = ? AND id = ?')
      .run(draftId, documentId).changes;
    if (removed) this.touch(draftId);
    return removed > 0;
  }

  /** Deletes a draft and its document rows; returns the document ids (their files go next). */
  remove(id: string): string[] {
    const ids = this.documents(id).map((d) => d.id);
    this.db.prepare('DELETE FROM drafts WHERE id = ?').run(id);
    return ids;
  }

  private touch(id: string): void {
    this.db.prepare('UPDATE drafts SET updated_at = ? WHERE id = ?').run(this.now(), id);
  }

  private toDraft(record: DraftRecord): Draft {
    const body = { ...emptyBody, ...(JSON.parse(record.body) as Partial<DraftBody>) };
    const documents = this.documents(record.id);
    const pages =
      documents.reduce((sum, d) => sum + d.pages, 0) + (body.cover.template === 'none' ? 0 : 1);
    return {
      id: record.id,
      origin: record.origin,
      createdAt: record.created_at,
      updatedAt: record.updated_at,
      ...body,
      documents,
      pages,
    };
  }
}
