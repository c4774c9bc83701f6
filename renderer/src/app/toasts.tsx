import { Undo2, X } from 'lucide-react';
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { useI18n } from '../i18n/i18n';
import { detach } from './detach';
import { toastText, type ToastMessage } from './toast-message';

export type { ToastMessage };

/** One message at the bottom of the window. */
export interface ToastInput {
  /** Translated when drawn, so it follows a language switch. */
  message: ToastMessage;
  /** Offers Undo (button and Ctrl+Z) while the toast is up. */
  undo?: () => Promise<unknown>;
  /** Clicking the text does this (a notification opens its fax). */
  onClick?: () => void;
  /** Errors stay until dismissed; an `{ error }` message is one unless this says otherwise. */
  error?: boolean;
  /** How long it stays (ms); 8 s by default. */
  ms?: number;
}

interface Toast extends ToastInput {
  key: number;
}

interface Toasts {
  show: (toast: ToastInput) => void;
}

const ToastContext = createContext<Toasts | null>(null);

/** Shows a toast from any screen. */
export function useToasts(): Toasts {
  const value = useContext(ToastContext);
  if (!value) throw new Error('useToasts outside ToastProvider');
  return value;
}

/**
 * Toasts at the bottom centre, above the status bar so they never cover a toolbar. Ctrl+Z
 * (outside a text field) undoes the newest toast that offers Undo.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>());

  const dismiss = useCallback((key: number) => {
    clearTimeout(timers.current.get(key));
    timers.current.delete(key);
    setToasts((list) => list.filter((toast) => toast.key !== key));
  }, []);

  const show = useCallback(
    (input: ToastInput) => {
      const key = next.current++;
      const error = input.error ?? 'error' in input.message;
      setToasts((list) => [...list.slice(-2), { ...input, error, key }]);
      if (!error)
        timers.current.set(
          key,
          setTimeout(() => dismiss(key), input.ms ?? 8000),
        );
    },
    [dismiss],
  );

  const undo = useCallback(
    (toast: Toast) => {
      dismiss(toast.key);
      if (toast.undo) detach('undo', toast.undo);
    },
    [dismiss],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.key.toLowerCase() !== 'z' || event.shiftKey)
        return;
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"]')) return;
      const last = [...toasts].reverse().find((toast) => toast.undo);
      if (!last) return;
      event.preventDefault();
      undo(last);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [toasts, undo]);

  useEffect(() => {
    const all = timers.current;
    return () => {
      for (const timer of all.values()) clearTimeout(timer);
    };
  }, []);

  const value = useMemo(() => ({ show }), [show]);
  return (
    <ToastContext.Provider value={value}>
      {children}
      <section className="toasts" aria-label={t('shell.toasts')}>
        <div aria-live="polite" className="toast-list">
          {toasts.map((toast) => (
            <div
              key={toast.key}
              className={toast.error ? 'toast toast-error' : 'toast'}
              role={toast.error ? 'alert' : 'status'}
              data-testid="toast"
            >
              {toast.onClick ? (
                <button
                  type="button"
                  className="toast-text link-like"
                  data-testid="notification-toast"
                  onClick={() => {
                    dismiss(toast.key);
                    toast.onClick?.();
                  }}
                >
                  {toastText(toast.message, i18n)}
                </button>
              ) : (
                <span className="toast-text">{toastText(toast.message, i18n)}</span>
              )}
              {toast.undo && (
                <button type="button" className="toast-undo" onClick={() => undo(toast)}>
                  <Undo2 aria-hidden="true" size={16} />
                  {t('shell.undo')}
                </button>
              )}
              <button
                type="button"
                className="icon-button"
                aria-label={t('shell.dismiss')}
                title={t('shell.dismiss')}
                onClick={() => dismiss(toast.key)}
              >
                <X aria-hidden="true" size={16} />
              </button>
            </div>
          ))}
        </div>
      </section>
    </ToastContext.Provider>
  );
}
