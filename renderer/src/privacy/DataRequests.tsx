import { useEffect, useState } from 'react';
import type { SessionState } from '../../../preload/contract';
import { useKamifax } from '../app/KamifaxContext';
import { detach } from '../app/detach';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages/en';
import { formatFaxNumber, homeCountry } from '../inbox/format';
import { longDate } from './PolicyPanel';
import type { Report } from './report';

/** The blocked senders: the list, unblock, and block a number by hand. */
export function BlockedNumbers({ report }: { report: Report }) {
  const kamifax = useKamifax();
  const { t, locale } = useI18n();
  const [numbers, setNumbers] = useState<string[] | null>(null);
  const [typed, setTyped] = useState('');
  const country = homeCountry(locale);

  useEffect(() => {
    let live = true;
    detach(
      'listing blocked numbers',
      kamifax.blocked.list().then((result) => {
        if (!live) return;
        if (result.ok) setNumbers(result.value.numbers);
        else report({ error: result.error.code });
      }),
    );
    return () => {
      live = false;
    };
  }, [kamifax, report]);

  const change = async (work: Promise<Awaited<ReturnType<typeof kamifax.blocked.list>>>) => {
    const result = await work;
    if (result.ok) {
      setNumbers(result.value.numbers);
      return true;
    }
    report({ error: result.error.code });
    return false;
  };

  return (
    <div className="privacy-blocked">
      <p className="muted">{t('privacy.blocked.explain')}</p>
      {numbers && numbers.length === 0 && <p>{t('privacy.blocked.none')}</p>}
      <ul className="numbers" data-testid="blocked-list">
        {numbers?.map((number) => (
          <li key={number}>
            <span className="number">{formatFaxNumber(number, country)}</span>
            <button
              type="button"
              onClick={() => detach('unblocking', change(kamifax.blocked.remove({ number })))}
            >
              {t('privacy.blocked.remove', { number: formatFaxNumber(number, country) })}
            </button>
          </li>
        ))}
      </ul>
      <form
        className="field-row"
        onSubmit={(event) => {
          event.preventDefault();
          detach(
            'blocking',
            change(kamifax.blocked.add({ number: typed })).then((ok) => ok && setTyped('')),
          );
        }}
      >
        <label htmlFor="block-number">{t('privacy.blocked.number')}</label>
        <input
          id="block-number"
          type="text"
          inputMode="tel"
          required
          maxLength={40}
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
        />
        <button type="submit">{t('privacy.blocked.add')}</button>
      </form>
    </div>
  );
}

/** Export: password, progress, then save (desktop) or download (browser), and show it. */
export function ExportData({ host, report }: { host: 'electron' | 'headless'; report: Report }) {
  const kamifax = useKamifax();
  const { t } = useI18n();
  const [password, setPassword] = useState('');
  const [stage, setStage] = useState<
    | { at: 'idle' }
    | { at: 'working'; percent: string | null }
    | { at: 'saved'; path: string }
    | { at: 'downloaded'; name: string }
  >({ at: 'idle' });

  useEffect(
    () =>
      kamifax.on('privacy:exportProgress', ({ loaded, total }) =>
        setStage({
          at: 'working',
          percent: total
            ? `${Math.round((loaded / total) * 100)} %`
            : `${Math.round(loaded / 1024)} KB`,
        }),
      ),
    [kamifax],
  );

  const run = async () => {
    setStage({ at: 'working', percent: null });
    const request = await kamifax.privacy.requestExport({ password });
    if (!request.ok) {
      setStage({ at: 'idle' });
      return report({ error: request.error.code });
    }
    setPassword('');
    if (host === 'headless') {
      const file = await kamifax.privacy.exportFile({ id: request.value.id });
      if (!file.ok) {
        setStage({ at: 'idle' });
        return report({ error: file.error.code });
      }
      const url = URL.createObjectURL(
        new Blob([new Uint8Array(file.value.bytes)], { type: 'application/json' }),
      );
      const link = document.createElement('a');
      link.href = url;
      link.download = file.value.name;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      return setStage({ at: 'downloaded', name: file.value.name });
    }
    const saved = await kamifax.privacy.saveExport({ id: request.value.id });
    if (!saved.ok) {
      setStage({ at: 'idle' });
      return report({ error: saved.error.code });
    }
    if (!saved.value.path) {
      setStage({ at: 'idle' });
      return report({ key: 'privacy.export.cancelled' });
    }
    setStage({ at: 'saved', path: saved.value.path });
  };

  return (
    <form
      className="privacy-form"
      onSubmit={(event) => {
        event.preventDefault();
        detach('exporting', run());
      }}
    >
      <p className="muted">{t('privacy.export.explain')}</p>
      <div className="field">
        <label htmlFor="export-password">{t('privacy.password')}</label>
        <input
          id="export-password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
      </div>
      <button type="submit" disabled={stage.at === 'working'}>
        {t('privacy.export.start')}
      </button>
      <p role="status" data-testid="export-status">
        {stage.at === 'working' &&
          (stage.percent
            ? t('privacy.export.downloading', { percent: stage.percent })
            : t('privacy.export.preparing'))}
        {stage.at === 'saved' && t('privacy.export.saved', { path: stage.path })}
        {stage.at === 'downloaded' && t('privacy.export.downloaded', { name: stage.name })}
      </p>
      {stage.at === 'saved' && (
        <button
          type="button"
          onClick={() =>
            detach('showing the export', kamifax.privacy.showExport({ path: stage.path }))
          }
        >
          {t('privacy.export.show')}
        </button>
      )}
    </form>
  );
}

/** Deletion or termination: explained first, then confirmed with the password. */
export function LeaveService({
  kind,
  onSession,
  report,
}: {
  kind: 'delete' | 'terminate';
  onSession: (session: SessionState) => void;
  report: Report;
}) {
  const kamifax = useKamifax();
  const { t, locale } = useI18n();
  const [asking, setAsking] = useState(false);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const key = (part: string) => `privacy.${kind}${part}` as MessageKey;

  const confirm = async () => {
    setBusy(true);
    const result =
      kind === 'delete'
        ? await kamifax.privacy.requestDeletion({ password })
        : await kamifax.privacy.terminate({ password });
    setBusy(false);
    if (!result.ok) return report({ error: result.error.code });
    if ('dueAt' in result.value)
      window.alert(t('privacy.delete.done', { date: longDate(result.value.dueAt, locale) }));
    const session = await kamifax.session.get();
    if (session.ok) onSession(session.value);
  };

  return (
    <div className="privacy-leave" data-testid={`leave-${kind}`}>
      <ul>
        <li>{t(key('.what'))}</li>
        <li>{t(key('.law'))}</li>
        <li>{t(key('.when'))}</li>
        <li>
          <strong>{t('privacy.delete.final')}</strong>
        </li>
      </ul>
      {!asking ? (
        <button type="button" className="danger" onClick={() => setAsking(true)}>
          {t(key(''))}…
        </button>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            detach(kind, confirm());
          }}
        >
          <div className="field">
            <label htmlFor={`${kind}-password`}>{t('privacy.password')}</label>
            <input
              id={`${kind}-password`}
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          </div>
          <div className="actions-row">
            <button type="submit" className="danger" disabled={busy}>
              {t(key('.confirm'))}
            </button>
            <button type="button" onClick={() => setAsking(false)}>
              {t('privacy.cancel')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
