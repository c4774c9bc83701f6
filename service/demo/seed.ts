import { randomUUID } from 'node:crypto';
import { hashPassword } from '../auth/passwords';
import type { Delivery } from '../delivery/delivery';
import type { Storage } from '../storage/storage';
import { trialDays } from '../plans';
import { privacyDefaults } from '../privacy/rules';
import { makeFaxPdf } from './fax-pdf';

/** The demo accounts: alice and bob, password `kamifax-demo`, on the trial plan. */
export const demoAccounts = [
  { email: 'alice@example.com', name: 'Alice Sato', number: '+815011112222' },
  { email: 'bob@example.com', name: 'Bob Tanaka', number: '+815033334444' },
] as const;

/** The demo password. */
export const demoPassword = 'kamifax-demo';

const senders = ['+81312345678', '+81662223333', '+14155550100', '+81921234567'];

/**
 * Creates the demo accounts with a few received faxes and some sent history. Idempotent:
 * an account that exists is left as it is.
 */
export async function seedDemo(
  storage: Storage,
  delivery: Delivery,
  now: () => number,
): Promise<void> {
  const passwordHash = await hashPassword(demoPassword);
  for (const demo of demoAccounts) {
    if (storage.accounts.byEmail(demo.email)) continue;
    const id = randomUUID();
    const created = now();
    storage.transaction(() => {
      storage.accounts.create(
        {
          id,
          email: demo.email,
          name: demo.name,
          passwordHash,
          plan: 'trial',
          createdAt: created - 3 * 24 * 3600_000,
          trialEndsAt: created + (trialDays - 3) * 24 * 3600_000,
          birthDate: '1985-04-01',
          gender: null,
          incomeLevel: null,
          occupation: null,
          acceptedPolicyVersion: storage.policies.current().version,
        },
        demo.number,
      );
      storage.accounts.putPrivacy(id, 1, { ...privacyDefaults });
    });
    const subjects = ['Purchase order 2026-118', 'Revised quotation', 'Meeting map', '会議資料'];
    for (const [index, from] of senders.entries()) {
      const pages = index + 1;
      const bytes = await makeFaxPdf({
        from,
        to: demo.number,
        pages,
        date: new Date(now()),
        title: `Demo fax ${index + 1}`,
      });
      const documentId = await storage.documents.put(bytes);
      delivery.receive({
        to: demo.number,
        from,
        pages,
        subject: subjects[index] ?? null,
        documentId,
      });
    }
  }
  // Sent history: one fax from alice to bob, delivered internally through the real path.
  const alice = storage.accounts.byEmail(demoAccounts[0].email)!;
  if (storage.faxes.list(alice.id, 'outbound', 1, null).length === 0) {
    const bytes = await makeFaxPdf({
      from: demoAccounts[0].number,
      to: demoAccounts[1].number,
      pages: 2,
      date: new Date(now()),
      title: 'Hello Bob',
    });
    const documentId = await storage.documents.put(bytes);
    const at = now();
    const faxId = randomUUID();
    storage.transaction(() =>
      storage.faxes.insert({
        id: faxId,
        accountId: alice.id,
        direction: 'outbound',
        from: demoAccounts[0].number,
        to: demoAccounts[1].number,
        subject: 'Hello Bob',
        pages: 2,
        createdAt: at,
        updatedAt: at,
        read: true,
        junk: false,
        status: 'queued',
        failureReason: null,
        pagesSent: 0,
        documentId,
      }),
    );
    delivery.enqueue(faxId);
  }
}
