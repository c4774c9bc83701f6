import { useCallback, useEffect, useState } from 'react';
import type { SessionState } from '../../../preload/contract';
import type { PrivacySettingName, PrivacyView } from '../../../preload/privacy-contract';
import { useKamifax } from '../app/KamifaxContext';
import { detach } from '../app/detach';
import { useI18n } from '../i18n/i18n';
import { BlockedNumbers, ExportData, LeaveService } from './DataRequests';
import { LocalDataPanel } from './LocalDataPanel';
import { PolicyBanner, PolicyPanel } from './PolicyPanel';
import { DemographicsForm, ProfileForm } from './ProfileForms';
import type { Note } from './report';
import { lockText, SettingGroup, settingGroups, SettingSwitch } from './SettingGroups';
import './privacy.css';

/** Every choice of the privacy policy, your data, and what is kept on this computer. */
export function PrivacyScreen({
  host,
  onSession,
}: {
  host: 'electron' | 'headless';
  onSession: (session: SessionState) => void;
}) {
  const kamifax = useKamifax();
  const { t, errorText } = useI18n();
  const [view, setView] = useState<PrivacyView | null>(null);
  const [note, setNote] = useState<Note | null>(null);
  const [policyOpen, setPolicyOpen] = useState(false);
  const report = useCallback((next: Note) => setNote(next), []);

  useEffect(() => {
    let live = true;
    detach(
      'loading privacy',
      kamifax.privacy.get().then((result) => {
        if (!live) return;
        if (result.ok) setView(result.value);
        else setNote({ error: result.error.code });
      }),
    );
    const stop = kamifax.on('privacy:changed', (next) => setView(next));
    return () => {
      live = false;
      stop();
    };
  }, [kamifax]);

  const answer = async (work: Promise<Awaited<ReturnType<typeof kamifax.privacy.get>>>) => {
    const result = await work;
    if (result.ok) setView(result.value);
    else setNote({ error: result.error.code });
  };
  const change = (name: PrivacySettingName, value: boolean) =>
    detach(
      'changing a privacy setting',
      answer(kamifax.privacy.set({ settings: { [name]: value } })),
    );
  const names = (list: PrivacySettingName[]) =>
    list.map((name) => t(`privacy.label.${name}`)).join(', ');

  return (
    <section
      className="screen privacy"
      aria-labelledby="screen-title"
      data-loaded={view?.loaded ?? false}
    >
      <h1 id="screen-title">{t('screen.privacy.title')}</h1>
      {view?.policy && !view.policy.accepted && (
        <PolicyBanner
          policy={view.policy}
          onRead={() => {
            setPolicyOpen(true);
            document.getElementById('privacy-policy')?.scrollIntoView();
          }}
        />
      )}
      <p className="muted">{t('privacy.intro')}</p>
      {!view && <p role="status">{t('privacy.loading')}</p>}
      {view && !view.loaded && <p role="status">{t('privacy.notLoaded')}</p>}
      {view?.loaded && (
        <>
          <div className="privacy-sync" data-sync={view.sync}>
            <span role="status">{t(`privacy.sync.${view.sync}`)}</span>{' '}
            <button
              type="button"
              onClick={() => detach('syncing privacy', answer(kamifax.privacy.syncNow()))}
            >
              {t('privacy.syncNow')}
            </button>
          </div>
          {view.conflict && (
            <div className="warning privacy-conflict" role="alert" data-testid="privacy-conflict">
              <h2>{t('privacy.conflict.title')}</h2>
              <p>
                {t('privacy.conflict.changed', {
                  settings: view.conflict.changed
                    .map(
                      (name) =>
                        `${t(`privacy.label.${name}`)}: ${view.conflict!.theirs[name] ? t('privacy.on') : t('privacy.off')}`,
                    )
                    .join('; '),
                })}
              </p>
              <p>
                {t('privacy.conflict.mine', {
                  settings: (Object.entries(view.conflict.mine) as [PrivacySettingName, boolean][])
                    .map(
                      ([name, on]) =>
                        `${t(`privacy.label.${name}`)}: ${on ? t('privacy.on') : t('privacy.off')}`,
                    )
                    .join('; '),
                })}
              </p>
              <div className="actions-row">
                <button
                  type="button"
                  onClick={() =>
                    detach(
                      'keeping mine',
                      answer(kamifax.privacy.resolveConflict({ keep: 'mine' })),
                    )
                  }
                >
                  {t('privacy.conflict.keepMine')}
                </button>
                <button
                  type="button"
                  onClick={() =>
                    detach(
                      'taking theirs',
                      answer(kamifax.privacy.resolveConflict({ keep: 'theirs' })),
                    )
                  }
                >
                  {t('privacy.conflict.takeTheirs')}
                </button>
              </div>
            </div>
          )}
          {view.refused && (
            <div className="warning" role="alert" data-testid="privacy-refused">
              {t('privacy.refused', {
                setting: names([view.refused.setting]),
                reason: lockText(t, view.refused.reason),
              })}{' '}
              <button
                type="button"
                onClick={() => detach('dismissing', answer(kamifax.privacy.dismissRefusal()))}
              >
                {t('privacy.dismiss')}
              </button>
            </div>
          )}
          {settingGroups.map((group) => (
            <SettingGroup
              key={group.id}
              id={group.id}
              settings={group.settings}
              view={view}
              onChange={change}
            />
          ))}
          {view.profile && (
            <SettingGroup id="demographics" settings={[]} view={view} onChange={change}>
              <DemographicsForm
                key={JSON.stringify(view.profile.demographics)}
                profile={view.profile}
                report={report}
              />
            </SettingGroup>
          )}
          <SettingGroup id="policy" settings={['policyChangeEmail']} view={view} onChange={change}>
            <PolicyPanel
              view={view}
              open={policyOpen}
              onToggle={() => setPolicyOpen(!policyOpen)}
              onAccept={(version) =>
                detach('accepting the policy', answer(kamifax.privacy.acceptPolicy({ version })))
              }
              onAnswer={(id, granted) =>
                detach('answering', answer(kamifax.privacy.answerConsent({ id, granted })))
              }
            />
          </SettingGroup>
          <section className="privacy-group" aria-labelledby="group-administrativeNotices">
            <h3 id="group-administrativeNotices">{t('privacy.group.administrativeNotices')}</h3>
            <p className="muted">{t('privacy.explain.administrativeNotices')}</p>
            <SettingSwitch name="administrativeNotices" view={view} onChange={change} />
          </section>
        </>
      )}
      <h2 id="your-data">{t('privacy.yourData')}</h2>
      {view?.profile && (
        <section className="privacy-group" aria-labelledby="group-profile">
          <h3 id="group-profile">{t('privacy.profile')}</h3>
          <ProfileForm
            key={`${view.profile.name}\n${view.profile.email}`}
            profile={view.profile}
            report={report}
          />
        </section>
      )}
      <section className="privacy-group" aria-labelledby="group-blocked">
        <h3 id="group-blocked">{t('privacy.blocked')}</h3>
        <BlockedNumbers report={report} />
      </section>
      <section className="privacy-group" aria-labelledby="group-export">
        <h3 id="group-export">{t('privacy.export')}</h3>
        <ExportData host={host} report={report} />
      </section>
      <section className="privacy-group" aria-labelledby="group-delete">
        <h3 id="group-delete">{t('privacy.delete')}</h3>
        <LeaveService kind="delete" onSession={onSession} report={report} />
      </section>
      <section className="privacy-group" aria-labelledby="group-terminate">
        <h3 id="group-terminate">{t('privacy.terminate')}</h3>
        <LeaveService kind="terminate" onSession={onSession} report={report} />
      </section>
      <h2 id="on-this-computer">{t('privacy.onThisComputer')}</h2>
      <LocalDataPanel report={report} />
      <div
        className="notice"
        role={note && 'error' in note ? 'alert' : 'status'}
        aria-live="polite"
        data-testid="privacy-note"
      >
        {note && ('error' in note ? errorText(note.error) : t(note.key, note.values))}
      </div>
    </section>
  );
}
