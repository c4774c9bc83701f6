import { randomUUID } from 'node:crypto';
import { checkFaxNumber } from '../../../preload/fax-numbers';
import type { Contact, ContactImportPreview } from '../../../preload/send-contract';
import { AppError } from '../rpc/app-error';
import type { RawContact } from './contacts-files';
import type { ContactsStore } from './contacts-store';

/** What an import would do: the entries to add, and what it leaves out and why. */
export interface ImportPlan {
  add: (RawContact & { e164: string })[];
  duplicates: ContactImportPreview['duplicates'];
  errors: ContactImportPreview['errors'];
}

/**
 * Checks every entry of a file against the number rules and the address book: bad numbers
 * are reported with their line, a number already in the book or earlier in the file is a
 * duplicate (left out), everything else is to be added.
 */
export function planImport(
  entries: readonly RawContact[],
  existing: readonly Contact[],
  country: string,
): ImportPlan {
  const known = new Map(existing.map((contact) => [contact.faxNumber, contact.name]));
  const seen = new Map<string, number>();
  const plan: ImportPlan = { add: [], duplicates: [], errors: [] };
  for (const entry of entries) {
    if (!entry.faxNumber) {
      plan.errors.push({ line: entry.line, reason: 'no_fax_number', input: '', name: entry.name });
      continue;
    }
    const checked = checkFaxNumber(entry.faxNumber, country);
    if (!checked.ok) {
      plan.errors.push({
        line: entry.line,
        reason: checked.problem,
        input: entry.faxNumber,
        name: entry.name,
      });
      continue;
    }
    const inBook = known.get(checked.e164);
    const earlier = seen.get(checked.e164);
    if (inBook !== undefined || earlier !== undefined) {
      plan.duplicates.push({
        line: entry.line,
        name: entry.name,
        faxNumber: checked.e164,
        existing: inBook ?? null,
        sameAsLine: earlier ?? null,
      });
      continue;
    }
    seen.set(checked.e164, entry.line);
    plan.add.push({ ...entry, e164: checked.e164 });
  }
  return plan;
}

interface Pending {
  store: ContactsStore;
  plan: ImportPlan;
  country: string;
  createdAt: number;
}

/** How long a preview may wait for its confirmation. */
const previewTtlMs = 30 * 60_000;

/**
 * Import in two steps, so nothing is imported before the user has seen the summary: a
 * preview keeps its plan under a token; the commit saves the plan's entries in one
 * transaction, or none if the address book changed meanwhile (a new duplicate).
 */
export class ContactImports {
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * Reads the file and plans the import; nothing is saved. The CSV and vCard readers (~300 kB
   * with ical.js) load at the first import, not with the app.
   */
  async preview(
    store: ContactsStore,
    name: string,
    bytes: Uint8Array,
    country: string,
  ): Promise<ContactImportPreview> {
    const { readContactsFile } = await import('./contacts-files');
    const plan = planImport(readContactsFile(name, bytes), store.all(), country);
    this.expire();
    const token = randomUUID();
    this.pending.set(token, { store, plan, country, createdAt: this.now() });
    return {
      token,
      add: plan.add.length,
      sample: plan.add.slice(0, 20).map((e) => ({
        line: e.line,
        name: e.name,
        company: e.company,
        faxNumber: e.e164,
      })),
      duplicates: plan.duplicates,
      errors: plan.errors,
    };
  }

  /** Saves every entry the preview would add, all or nothing. */
  commit(store: ContactsStore, token: string): { added: number } {
    this.expire();
    const pending = this.pending.get(token);
    if (!pending || pending.store !== store)
      throw new AppError('contacts_import_expired', 'That import preview is no longer valid');
    this.pending.delete(token);
    const current = new Set(store.all().map((contact) => contact.faxNumber));
    const clash = pending.plan.add.find((entry) => current.has(entry.e164));
    if (clash)
      throw new AppError(
        'contacts_import_changed',
        `Line ${clash.line}: ${clash.e164} was added to the address book after the preview`,
      );
    const saved = store.saveAll(
      pending.plan.add.map((entry) => ({
        name: entry.name,
        company: entry.company,
        faxNumber: entry.e164,
        note: entry.note,
      })),
      pending.country,
    );
    return { added: saved.length };
  }

  private expire(): void {
    const cutoff = this.now() - previewTtlMs;
    for (const [token, pending] of this.pending)
      if (pending.createdAt < cutoff) this.pending.delete(token);
  }
}
