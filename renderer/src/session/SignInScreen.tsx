import { useId, useState, type FormEvent } from 'react';
import type { BridgeError, Result, SessionState } from '../../../preload/contract';
import { useKamifax } from '../app/KamifaxContext';
import { TextField } from './TextField';
import { useI18n } from '../i18n/i18n';
import { BirthDateField } from './BirthDateField';
import { detach } from '../app/detach';

type Mode = 'signIn' | 'signUp';
type Remembered = Extract<SessionState, { status: 'signedOut' }>['remembered'];

/** The first screen without a session: sign in, sign up, or try the demo in one click. */
export function SignInScreen({
  remembered,
  revoked,
  restoreProblem = null,
  signInInMemory = false,
  onSession,
}: {
  remembered: Remembered;
  /** No keychain answered in the browser host: the sign-in is kept for this run only. */
  signInInMemory?: boolean;
  revoked: boolean;
  /** Why the saved sign-in could not be restored at start; the banner offers a retry. */
  restoreProblem?: 'keychain_unavailable' | 'restore_failed' | null;
  onSession: (state: SessionState) => void;
}) {
  const kamifax = useKamifax();
  const { t, errorText } = useI18n();
  const urlId = useId();
  const [mode, setMode] = useState<Mode>('signIn');
  const [serviceKind, setServiceKind] = useState(remembered?.service.kind ?? 'local');
  const [url, setUrl] = useState(
    remembered?.service.kind === 'remote' ? remembered.service.url : 'https://',
  );
  const [email, setEmail] = useState(remembered?.email ?? '');
  // "Remember me": off unless it was chosen for the account the form is filled with.
  const [remember, setRemember] = useState(remembered?.remember === true);
  const [password, setPassword] = useState('');
  const [name, setName] = useState('');
  const [birthDate, setBirthDate] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<BridgeError | null>(null);
  const [rule, setRule] = useState<ReturnType<typeof signUpRuleBroken>>(null);

  const service =
    serviceKind === 'local' ? ({ kind: 'local' } as const) : ({ kind: 'remote', url } as const);

  const run = async (call: () => Promise<Result<SessionState>>) => {
    setBusy(true);
    setError(null);
    const result = await call();
    setBusy(false);
    if (result.ok) onSession(result.value);
    else setError(result.error);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (mode === 'signIn')
      detach(
        'signing in',
        run(() => kamifax.session.signIn({ service, email, password, remember })),
      );
    else {
      // The rules are shown up front; the one broken is named before anything is sent.
      const rule = signUpRuleBroken(password, birthDate, Date.now());
      setRule(rule);
      if (rule) return;
      detach(
        'signing up',
        run(() => kamifax.session.signUp({ service, email, password, name, birthDate })),
      );
    }
  };

  const demo = () =>
    detach(
      'signing in to the demo',
      run(() =>
        kamifax.session.signIn({
          service: { kind: 'local' },
          email: 'alice@example.com',
          password: 'kamifax-demo',
        }),
      ),
    );

  return (
    <main className="sign-in">
      <form className="card" onSubmit={submit} aria-busy={busy}>
        <h1>{t(mode === 'signIn' ? 'signIn.title' : 'signUp.title')}</h1>
        <p className="muted">{t(mode === 'signIn' ? 'signIn.lead' : 'signUp.lead')}</p>
        {signInInMemory && (
          <p className="muted" role="note" data-testid="sign-in-in-memory">
            {t('signIn.inMemory')}
          </p>
        )}
        {revoked && !error && (
          <p className="banner" role="alert">
            {t('signIn.revoked')}
          </p>
        )}
        {restoreProblem && !error && (
          <p className="banner" role="alert">
            {t(`signIn.restore.${restoreProblem}`)}{' '}
            <button
              type="button"
              disabled={busy}
              onClick={() =>
                detach(
                  'retrying the restore',
                  run(() => kamifax.session.retryRestore()),
                )
              }
            >
              {t('signIn.restore.retry')}
            </button>
          </p>
        )}
        <fieldset className="field">
          <legend>{t('signIn.service')}</legend>
          <label className="radio">
            <input
              type="radio"
              name="service"
              checked={serviceKind === 'local'}
              onChange={() => setServiceKind('local')}
            />
            {t('signIn.service.local')}
          </label>
          <label className="radio">
            <input
              type="radio"
              name="service"
              checked={serviceKind === 'remote'}
              onChange={() => setServiceKind('remote')}
            />
            {t('signIn.service.remote')}
          </label>
          {serviceKind === 'remote' && (
            <input
              id={urlId}
              type="url"
              aria-label={t('signIn.serviceUrl')}
              aria-describedby={`${urlId}-rule`}
              value={url}
              required
              onChange={(e) => setUrl(e.target.value)}
            />
          )}
          {serviceKind === 'remote' && (
            <span id={`${urlId}-rule`} className="muted">
              {t('signIn.serviceUrlRule')}
            </span>
          )}
        </fieldset>
        {mode === 'signUp' && (
          <TextField
            label={t('signUp.name')}
            type="text"
            value={name}
            onChange={setName}
            autoComplete="name"
          />
        )}
        <TextField
          label={t('signIn.email')}
          type="email"
          value={email}
          onChange={setEmail}
          autoComplete="username"
        />
        <TextField
          label={t('signIn.password')}
          type="password"
          value={password}
          onChange={setPassword}
          autoComplete={mode === 'signIn' ? 'current-password' : 'new-password'}
          {...(mode === 'signUp' ? { hint: t('signUp.passwordHint') } : {})}
        />
        {mode === 'signIn' && (
          <label className="radio remember">
            <input
              type="checkbox"
              checked={remember}
              onChange={(event) => setRemember(event.target.checked)}
            />
            {t('signIn.remember')}
          </label>
        )}
        {mode === 'signUp' && <BirthDateField onChange={setBirthDate} />}
        {error && (
          <p className="error" role="alert">
            {/* The address rule in its own words, not the external-link message. */}
            {error.code === 'refused_url' ? t('signIn.serviceUrlRefused') : errorText(error.code)}
          </p>
        )}
        {mode === 'signUp' && rule && (
          <p className="error" role="alert" data-testid="sign-up-rule">
            {rule === 'password_too_short' ? t('signUp.passwordTooShort') : errorText(rule)}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy
              ? t(mode === 'signIn' ? 'signIn.busy' : 'signUp.busy')
              : t(mode === 'signIn' ? 'signIn.submit' : 'signUp.submit')}
          </button>
          <button
            type="button"
            className="link"
            onClick={() => {
              // A sign-in error says nothing about the sign-up form, and back.
              setError(null);
              setRule(null);
              setMode(mode === 'signIn' ? 'signUp' : 'signIn');
            }}
          >
            {t(mode === 'signIn' ? 'signIn.toSignUp' : 'signUp.toSignIn')}
          </button>
        </div>
        {mode === 'signIn' && (
          <div className="demo">
            <button type="button" onClick={demo} disabled={busy}>
              {t('signIn.demo')}
            </button>
            <p className="muted">{t('signIn.demoHint')}</p>
          </div>
        )}
      </form>
    </main>
  );
}

/** Which sign-up rule the form breaks (8-character password, aged 13 or over), if any. */
export function signUpRuleBroken(
  password: string,
  birthDate: string,
  now: number,
): 'password_too_short' | 'underage' | null {
  if (password.length < 8) return 'password_too_short';
  const born = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  if (born) {
    const today = new Date(now);
    const thirteenth = new Date(Number(born[1]) + 13, Number(born[2]) - 1, Number(born[3]));
    if (thirteenth.getTime() > today.getTime()) return 'underage';
  }
  return null;
}
