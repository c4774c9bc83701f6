import type { FileDialogs } from '../files/file-handlers';
import type { EventBus } from '../rpc/event-bus';
import { AppError } from '../rpc/app-error';
import type { Handlers } from '../rpc/router';
import type { SessionService } from '../session/session-service';
import type { PrivacyService } from './privacy-service';
import { isTransient } from './privacy-state';
import { describeLocalData } from './local-data';

type PrivacyChannels = Extract<
  keyof Handlers,
  `privacy:${string}` | `blocked:${string}` | `localData:${string}`
>;

/** What the privacy channels need. */
export interface PrivacyHandlerDeps {
  current: () => PrivacyService | null;
  session: SessionService;
  dialogs: FileDialogs;
  events: EventBus;
  dataDir: string;
}

/** Makes the export readable by a person: indented JSON. */
export function readableExport(bytes: Uint8Array): Uint8Array {
  try {
    const parsed: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return new TextEncoder().encode(`${JSON.stringify(parsed, null, 2)}\n`);
  } catch {
    return bytes;
  }
}

/** The export's file name: `Kamifax data export 2026-11-30.json`. */
export function exportName(now = new Date()): string {
  return `Kamifax data export ${now.toISOString().slice(0, 10)}.json`;
}

/**
 * The privacy channels: settings and policy through the account's PrivacyService; profile,
 * blocked numbers, export, deletion and termination through its API; and what is on disk.
 */
export function privacyHandlers(deps: PrivacyHandlerDeps): Pick<Handlers, PrivacyChannels> {
  const privacy = () => {
    const open = deps.current();
    if (!open) throw new AppError('signed_out', 'Not signed in');
    return open;
  };
  const online = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (isTransient(error))
        throw new AppError('needs_connection', 'The fax service cannot be reached');
      throw error;
    }
  };
  const download = (id: string) =>
    online(async () =>
      readableExport(
        await privacy()
          .client()
          .downloadExport(id, (loaded, total) =>
            deps.events.emit('privacy:exportProgress', { loaded, total }),
          ),
      ),
    );
  // Signs out and removes everything of the account here, then forgets it was ever used.
  const leave = async () => {
    await deps.session.signOut();
    await deps.session.forget();
  };
  const savedPaths = new Set<string>();

  return {
    'privacy:get': () => privacy().view(),
    'privacy:set': ({ settings }) => privacy().set(settings),
    'privacy:syncNow': () => privacy().syncNow(),
    'privacy:resolveConflict': ({ keep }) => privacy().resolveConflict(keep),
    'privacy:dismissRefusal': () => privacy().dismissRefusal(),
    'privacy:acceptPolicy': ({ version }) => privacy().acceptPolicy(version),
    'privacy:answerConsent': ({ id, granted }) => privacy().answerConsent(id, granted),
    'privacy:updateProfile': (patch) => privacy().updateProfile(patch),
    'privacy:requestExport': ({ password }) =>
      online(async () => {
        const request = await privacy().client().request('export', password);
        return { id: request.id, status: request.status, createdAt: request.createdAt };
      }),
    'privacy:exportFile': async ({ id }) => ({ name: exportName(), bytes: await download(id) }),
    'privacy:saveExport': async ({ id }) => {
      if (!deps.dialogs.saveFile)
        throw new AppError('unsupported_on_host', 'This host has no save dialog');
      const bytes = await download(id);
      const path = await deps.dialogs.saveFile(exportName(), bytes, {
        name: 'JSON',
        extensions: ['json'],
      });
      if (path) savedPaths.add(path);
      return { path };
    },
    'privacy:showExport': async ({ path }) => {
      if (!savedPaths.has(path))
        throw new AppError('not_saved_here', 'Only files saved by Kamifax can be shown');
      await deps.dialogs.showInFolder(path);
      return { shown: true };
    },
    'privacy:requestDeletion': async ({ password }) => {
      const request = await online(() => privacy().client().request('deletion', password));
      await leave();
      return { dueAt: request.dueAt };
    },
    'privacy:terminate': async ({ password }) => {
      await online(() => privacy().client().cancelAccount(password));
      await leave();
      return { terminated: true };
    },
    'blocked:list': () => online(async () => ({ numbers: await privacy().client().blocked() })),
    'blocked:add': ({ number }) =>
      online(async () => ({ numbers: await privacy().client().block(number) })),
    'blocked:remove': ({ number }) =>
      online(async () => ({ numbers: await privacy().client().unblock(number) })),
    'localData:describe': () => describeLocalData(deps.dataDir),
  };
}
