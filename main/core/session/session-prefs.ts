import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { serviceLocationSchema } from '../../../preload/contract';
import { writeFileAtomic } from '../fs/atomic-write';

/** Where an account lives. */
export type ServiceLocation = z.infer<typeof serviceLocationSchema>;

/**
 * The last account used: to sign in at start while signed in, and to fill the sign-in form
 * after a sign-out only when `remember` ("Remember me") was chosen; otherwise sign-out
 * removes it.
 */
export const rememberedAccountSchema = z.object({
  service: serviceLocationSchema,
  email: z.string(),
  remember: z.boolean().optional(),
});

/** The last account used. */
export type RememberedAccount = z.infer<typeof rememberedAccountSchema>;

/** The keychain scope's service part: `local`, or the service URL as the user gave it. */
export function scopeName(service: ServiceLocation): string {
  return service.kind === 'local' ? 'local' : new URL(service.url).href.replace(/\/+$/, '');
}

/** Keeps `session.json`: which account was used last (never a secret). */
export class SessionPrefs {
  private readonly path: string;

  constructor(dataDir: string) {
    this.path = join(dataDir, 'session.json');
  }

  /** The last account, or null on first start or if the file is damaged. */
  async lastAccount(): Promise<RememberedAccount | null> {
    try {
      const parsed = rememberedAccountSchema.safeParse(
        JSON.parse(await readFile(this.path, 'utf8')),
      );
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  /** Forgets the last account (after its termination or deletion nothing names it here). */
  async forget(): Promise<void> {
    await rm(this.path, { force: true });
  }

  /** Remembers the account just signed in to. */
  async remember(account: RememberedAccount): Promise<void> {
    await writeFileAtomic(this.path, JSON.stringify(account));
  }
}
