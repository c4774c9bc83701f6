import { join } from 'node:path';

/**
 * Where uno-worker.py is for the desktop app: an extra resource (`resources/office/`, see
 * electron-builder.yml) when packaged, the source file in a checkout. The core's own default
 * resolves beside its module, which inside the bundle (out/main) is not where the file is.
 */
export function officeWorkerScript(app: {
  isPackaged: boolean;
  resourcesPath: string;
  appPath: string;
}): string {
  return app.isPackaged
    ? join(app.resourcesPath, 'office', 'uno-worker.py')
    : join(app.appPath, 'main', 'core', 'convert', 'uno-worker.py');
}
