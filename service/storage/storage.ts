/**
 * The service's storage, as interfaces. SQLite and files implement them today
 * (`sqlite-storage.ts`); a deployment that outgrows one machine implements the same
 * interfaces on PostgreSQL and object storage without touching the routes.
 */

/** A plan decides limits and which privacy choices are open. */
export type Plan = 'trial' | 'free' | 'paid';

/** An account row. */
export interface AccountRow {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
  plan: Plan;
  createdAt: number;
  trialEndsAt: number | null;
  birthDate: string;
  gender: string | null;
  incomeLevel: string | null;
  occupation: string | null;
  acceptedPolicyVersion: number | null;
}

/** A fax row (either direction). */
export interface FaxRow {
  id: string;
  accountId: string;
  direction: 'inbound' | 'outbound';
  from: string;
  to: string;
  subject: string | null;
  pages: number;
  createdAt: number;
  read: boolean;
  junk: boolean;
  status: 'received' | 'queued' | 'sending' | 'delivered' | 'failed' | 'cancelled';
  failureReason: string | null;
  pagesSent: number;
  documentId: string;
  updatedAt: number;
  /** When it was moved to the Trash (kept 30 days, then purged); absent or null when not. */
  trashedAt?: number | null;
}

/** One entry of an account's change feed. */
export interface ChangeRow {
  seq: number;
  type: 'upsert' | 'delete';
  faxId: string;
  fax: FaxRow | null;
}

/** A refresh token (stored hashed), part of a rotation family. */
export interface RefreshRow {
  hash: string;
  accountId: string;
  family: string;
  expiresAt: number;
  spent: boolean;
  revoked: boolean;
}

/** A published privacy policy. */
export interface PolicyRow {
  version: number;
  effectiveDate: string;
  text: string;
}

/** A new use of data that each user must say yes or no to. */
export interface ConsentPurposeRow {
  id: string;
  title: string;
  description: string;
  createdAt: number;
}

/** A data export or deletion request. */
export interface PrivacyRequestRow {
  id: string;
  accountId: string;
  type: 'export' | 'deletion';
  status: 'pending' | 'ready' | 'completed';
  createdAt: number;
  dueAt: number;
  result: string | null;
}

/** Accounts, their numbers and their privacy records. */
export interface AccountRepo {
  create(row: AccountRow, number: string): void;
  allIds(): string[];
  byEmail(email: string): AccountRow | null;
  byId(id: string): AccountRow | null;
  byNumber(number: string): AccountRow | null;
  numbers(accountId: string): string[];
  update(id: string, patch: Partial<Omit<AccountRow, 'id'>>): void;
  /** Deletes an account and every row that belongs to it. */
  remove(id: string): void;
  privacy(accountId: string): { version: number; settings: Record<string, boolean> } | null;
  putPrivacy(accountId: string, version: number, settings: Record<string, boolean>): void;
  blocked(accountId: string): string[];
  block(accountId: string, number: string): void;
  unblock(accountId: string, number: string): boolean;
  isBlocked(accountId: string, number: string): boolean;
}

/** Access and refresh tokens, stored only as hashes. */
export interface TokenRepo {
  saveAccess(hash: string, accountId: string, family: string, expiresAt: number): void;
  access(hash: string): { accountId: string; expiresAt: number } | null;
  saveRefresh(row: RefreshRow): void;
  refresh(hash: string): RefreshRow | null;
  spend(hash: string): void;
  revokeFamily(family: string): void;
  revokeAccount(accountId: string): void;
}

/** Faxes, the change feed and the delivery queue. */
export interface FaxRepo {
  insert(row: FaxRow): void;
  update(id: string, patch: Partial<FaxRow>, now: number): FaxRow;
  remove(accountId: string, id: string): boolean;
  /** Faxes of an account that went to the Trash before `before` (to purge). */
  trashedBefore(accountId: string, before: number): FaxRow[];
  get(accountId: string, id: string): FaxRow | null;
  byId(id: string): FaxRow | null;
  list(
    accountId: string,
    direction: FaxRow['direction'] | null,
    limit: number,
    before: string | null,
  ): FaxRow[];
  changes(accountId: string, since: number, limit: number): ChangeRow[];
  /** Outbound faxes still queued or sending (resumed at start). */
  undelivered(): FaxRow[];
  /** Pages of an account's outbound faxes still queued or sending (held against its quota). */
  pendingPages(accountId: string): number;
  /** Counts pages toward the plan (received, or sent and delivered). */
  recordUsage(
    accountId: string,
    faxId: string,
    kind: 'received' | 'sent',
    pages: number,
    at: number,
  ): void;
  /** Takes pages back (a fax reported as junk). */
  forgetUsage(faxId: string, kind: 'received' | 'sent'): void;
  /** Pages that count toward the plan in a period. */
  usage(accountId: string, from: number, to: number): { received: number; sent: number };
  documentsOf(accountId: string): string[];
  /** Whether any fax still uses a document (an internal delivery shares one file). */
  documentInUse(documentId: string): boolean;
}

/** The per-account event log behind the SSE stream (resumable with Last-Event-ID). */
export interface EventRepo {
  append(accountId: string, type: string, data: unknown, now: number): number;
  after(
    accountId: string,
    lastId: number,
    limit: number,
  ): { id: number; type: string; data: string }[];
  latest(accountId: string): number;
}

/** Remembered answers of idempotent requests. */
export interface IdempotencyRepo {
  get(
    accountId: string,
    key: string,
  ): { bodyHash: string; status: number; response: string } | null;
  put(
    accountId: string,
    key: string,
    bodyHash: string,
    status: number,
    response: string,
    now: number,
  ): void;
}

/** Policies, consent purposes, acceptances and data requests. */
export interface PolicyRepo {
  current(): PolicyRow;
  publish(row: PolicyRow): void;
  purposes(): ConsentPurposeRow[];
  addPurpose(row: ConsentPurposeRow): void;
  answers(accountId: string): Record<string, { granted: boolean; answeredAt: number }>;
  answer(accountId: string, purposeId: string, granted: boolean, now: number): void;
  createRequest(row: PrivacyRequestRow): void;
  request(accountId: string, id: string): PrivacyRequestRow | null;
  updateRequest(id: string, patch: Partial<PrivacyRequestRow>): void;
  dueRequests(now: number): PrivacyRequestRow[];
}

/**
 * A document being received: its bytes are in a temporary file (read there by the inspection)
 * and become a document only when kept; discarded, nothing of it stays.
 */
export interface IncomingDocument {
  /** The temporary file holding the bytes so far. */
  readonly path: string;
  /** Bytes received. */
  readonly size: number;
  /** Its first bytes (up to 1 kB), to tell a PDF without reading the file again. */
  readonly head: Buffer;
  /** Flushes it to disk (fsync); the file stays where it is, so it can still be read. */
  flush(): Promise<void>;
  /** Flushes it (unless done) and moves it into place; returns the document id. */
  keep(): Promise<string>;
  /** Removes the temporary file, or the kept document. */
  discard(): Promise<void>;
}

/** Document bytes, written atomically. */
export interface DocumentStore {
  put(bytes: Uint8Array): Promise<string>;
  /**
   * Writes a document chunk by chunk as it arrives (never whole in memory); `onChunk` sees
   * each chunk first (the send's idempotency hash). If reading fails, the file is removed and
   * the error rethrown.
   */
  receive(
    chunks: AsyncIterable<Uint8Array>,
    onChunk?: (chunk: Uint8Array) => void,
  ): Promise<IncomingDocument>;
  path(id: string): string;
  read(id: string): Promise<Buffer>;
  remove(id: string): Promise<void>;
}

/** Everything the service stores. */
export interface Storage {
  accounts: AccountRepo;
  tokens: TokenRepo;
  faxes: FaxRepo;
  events: EventRepo;
  idempotency: IdempotencyRepo;
  policies: PolicyRepo;
  documents: DocumentStore;
  /** Runs `work` atomically. */
  transaction<T>(work: () => T): T;
  close(): void;
}
