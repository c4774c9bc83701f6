import { useState } from 'react';
import type { OutboxRow } from '../../../preload/send-contract';
import { useI18n } from '../i18n/i18n';
import { useNumberContext } from '../compose/useNumberContext';
import { OutboxList } from './OutboxList';
import { OutboxPane } from './OutboxPane';
import { useOutboxRows } from './useOutboxRows';
import './outbox.css';

/**
 * Outbox (queued, sending, failed) or Sent (delivered): the list with a search, and the open
 * fax beside it with its report and actions, the inbox's layout.
 */
export function OutboxScreen({
  view,
  onForward,
  onNotice,
}: {
  view: 'outbox' | 'sent';
  onForward: (document: { name: string; bytes: Uint8Array }) => void;
  onNotice: (key: 'outbox.cancelled' | 'outbox.cancelling' | 'outbox.resent') => void;
}) {
  const { t, errorText } = useI18n();
  const [search, setSearch] = useState('');
  const { total, error, shownSearch, rowAt, ensure, progress, findRow } = useOutboxRows(
    view,
    search,
  );
  const [active, setActive] = useState(0);
  const [opened, setOpened] = useState<OutboxRow | null>(null);
  const openId = opened?.id ?? null;
  const context = useNumberContext();
  const country = context?.country ?? 'JP';
  // The open row is looked up afresh on each render, so its status follows the list's updates
  // (and stays open when a delivered fax leaves the Outbox list).
  const openRow = opened ? (findRow(opened.id) ?? opened) : null;
  const title = view === 'sent' ? t('screen.sent.title') : t('screen.outbox.title');
  const empty = search
    ? t('outbox.emptySearch', { search })
    : view === 'sent'
      ? t('outbox.sentEmpty')
      : t('outbox.empty');

  return (
    <section
      className={`screen outbox view-${view}${openRow ? ' with-pane' : ''}`}
      aria-labelledby="screen-title"
      data-shown-search={shownSearch ?? undefined}
    >
      <h1 id="screen-title">{title}</h1>
      <div className="list-tools">
        <input
          type="search"
          value={search}
          aria-label={t('outbox.search')}
          placeholder={t('outbox.searchPlaceholder')}
          onChange={(event) => {
            setSearch(event.target.value);
            setActive(0);
          }}
        />
        <span className="muted" data-testid="outbox-count">
          {total !== null && (total === 1 ? t('outbox.count.one') : t('outbox.count', { total }))}
        </span>
      </div>
      <p id="outbox-keys" className="visually-hidden">
        {t('outbox.keys')}
      </p>
      {error && (
        <p role="alert" className="error">
          {errorText(error.code)}
        </p>
      )}
      <div className="outbox-split">
        {total === 0 ? (
          <p className="empty">{empty}</p>
        ) : (
          total !== null && (
            <OutboxList
              label={view === 'sent' ? t('outbox.sentList') : t('outbox.list')}
              total={total}
              rowAt={rowAt}
              onRange={ensure}
              active={active}
              onActive={setActive}
              openId={openId}
              onOpen={setOpened}
              country={country}
              progress={progress}
            />
          )
        )}
        {openRow && (
          <OutboxPane
            key={openRow.id}
            row={openRow}
            country={country}
            upload={progress.get(openRow.sendId)}
            onClose={() => {
              setOpened(null);
              requestAnimationFrame(() =>
                document.querySelector<HTMLElement>('.outbox-list')?.focus(),
              );
            }}
            onForward={onForward}
            onDone={onNotice}
          />
        )}
      </div>
    </section>
  );
}
