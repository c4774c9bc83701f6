import { Component, lazy, Suspense, useState, type ComponentType, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';

/** Code of the app that could not be fetched (the headless host stopped, a file is missing). */
export class PartLoadError extends Error {
  override readonly name = 'PartLoadError';
  constructor(override readonly cause: unknown) {
    super(`could not load part of the app: ${String(cause)}`);
  }
}

/** A component whose code loads on first use, or earlier through `preload()`. */
export interface Preloadable<P extends object> {
  (props: P): ReactNode;
  /** Starts loading the code now (idempotent); resolves when it is there. */
  preload(): Promise<unknown>;
}

/**
 * `React.lazy` that can be loaded ahead: once `preload()` has resolved, the component renders
 * at once with no fallback frame. A failed load stays failed (the browser keeps a module that
 * could not be fetched as failed until the page is reloaded).
 */
export function preloadable<P extends object>(
  load: () => Promise<ComponentType<P>>,
): Preloadable<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<{ default: ComponentType<P> }> | null = null;
  const preload = () =>
    (loading ??= load().then(
      (component) => {
        loaded = component;
        return { default: component };
      },
      (error: unknown) => {
        throw new PartLoadError(error);
      },
    ));
  const later = lazy(preload);
  function Preloaded(props: P) {
    // Chosen once per mount, so a load finishing never swaps the component under its state.
    const [Shown] = useState<ComponentType<P>>(() => loaded ?? later);
    return <Shown {...props} />;
  }
  return Object.assign(Preloaded, { preload });
}

/**
 * Where lazily loaded code is shown: a quiet, empty placeholder of the same box while it
 * loads (no spinner, no layout jump), and a message with Reload if it could not be loaded.
 * Only a failed load is caught here; any other error goes on up as it did before.
 */
export function LazyBoundary({
  children,
  fallback = null,
  resetKey,
}: {
  children: ReactNode;
  fallback?: ReactNode;
  /** When this changes (another screen chosen), a failure shown is forgotten. */
  resetKey?: unknown;
}) {
  return (
    <LoadFailed resetKey={resetKey}>
      <Suspense fallback={fallback}>{children}</Suspense>
    </LoadFailed>
  );
}

class LoadFailed extends Component<{ children: ReactNode; resetKey: unknown }, { error: unknown }> {
  override state: { error: unknown } = { error: null };

  static getDerivedStateFromError(error: unknown): { error: unknown } {
    return { error };
  }

  override componentDidUpdate(previous: { resetKey: unknown }): void {
    if (previous.resetKey !== this.props.resetKey && this.state.error !== null)
      this.setState({ error: null });
  }

  override render() {
    const { error } = this.state;
    if (error === null) return this.props.children;
    if (!(error instanceof PartLoadError)) throw error;
    return <LoadFailedNotice />;
  }
}

function LoadFailedNotice() {
  const { t } = useI18n();
  return (
    <div className="load-failed" role="alert">
      <p>{t('shell.partLoadFailed')}</p>
      <button type="button" onClick={() => window.location.reload()}>
        {t('shell.partLoadReload')}
      </button>
    </div>
  );
}
