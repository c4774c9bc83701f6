import { Download, Plus, Upload } from 'lucide-react';
import { useRef, useState, type KeyboardEvent } from 'react';
import { formatFaxNumber } from '../../../preload/fax-numbers';
import type { BridgeError } from '../../../preload/contract';
import type { Contact, ContactImportPreview } from '../../../preload/send-contract';
import { useKamifax } from '../app/KamifaxContext';
import { detach } from '../app/detach';
import { useHost } from '../app/host-context';
import { useToasts } from '../app/toasts';
import { useNumberContext } from '../compose/useNumberContext';
import { useI18n } from '../i18n/i18n';
import { ContactForm } from './ContactForm';
import { ContactPane } from './ContactPane';
import { ImportPreview } from './ImportPreview';
import { useContacts } from './useContacts';
import './contacts.css';

type Pane = { at: 'none' } | { at: 'show'; id: string } | { at: 'edit'; contact: Contact | null };

/**
 * The address book: a searchable list and a pane (a contact, or the form to add or edit
 * one), Import… and Export… in the toolbar. Imports show their summary before anything is
 * saved; a delete can be undone from its toast.
 */
export function ContactsScreen() {
  const { t, errorText } = useI18n();
  const kamifax = useKamifax();
  const host = useHost();
  const toasts = useToasts();
  const context = useNumberContext();
  const country = context?.country ?? 'JP';
  const [search, setSearch] = useState('');
  const { rows, total, error, reload } = useContacts(search);
  const [active, setActive] = useState(0);
  const [pane, setPane] = useState<Pane>({ at: 'none' });
  const [failure, setFailure] = useState<BridgeError | null>(null);
  const [exportMenu, setExportMenu] = useState(false);
  const [importing, setImporting] = useState<{
    name: string;
    preview: ContactImportPreview;
    busy: boolean;
  } | null>(null);
  const picker = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const shown = pane.at === 'show' ? rows?.find((row) => row.id === pane.id) : undefined;
  const focusList = () => requestAnimationFrame(() => list.current?.focus());

  const remove = async (contact: Contact) => {
    const result = await kamifax.contacts.delete({ ids: [contact.id] });
    if (!result.ok) return setFailure(result.error);
    setPane({ at: 'none' });
    reload();
    focusList();
    toasts.show({
      message: { key: 'contacts.deleted', values: { name: contact.name } },
      undo: async () => {
        const { id, name, company, faxNumber, note } = contact;
        await kamifax.contacts.save({ id, name, company, faxNumber, note });
        reload();
      },
    });
  };

  const pickFile = async (file: File) => {
    setFailure(null);
    const bytes = new Uint8Array(await file.arrayBuffer());
    const result = await kamifax.contacts.importPreview({ name: file.name, bytes });
    if (!result.ok) return setFailure(result.error);
    setImporting({ name: file.name, preview: result.value, busy: false });
  };

  const commit = async () => {
    if (!importing) return;
    setImporting({ ...importing, busy: true });
    const result = await kamifax.contacts.importCommit({ token: importing.preview.token });
    setImporting(null);
    if (!result.ok) return setFailure(result.error);
    reload();
    toasts.show({ message: { key: 'contacts.imported', values: { count: result.value.added } } });
  };

  const exportAs = async (format: 'csv' | 'vcard') => {
    setExportMenu(false);
    if (host === 'headless') {
      const result = await kamifax.contacts.export({ format });
      if (!result.ok) return setFailure(result.error);
      const type = format === 'csv' ? 'text/csv' : 'text/vcard';
      const url = URL.createObjectURL(new Blob([result.value.bytes as BlobPart], { type }));
      const link = document.createElement('a');
      link.href = url;
      link.download = result.value.name;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      toasts.show({
        message: {
          key: 'contacts.downloaded',
          values: { count: result.value.count, name: result.value.name },
        },
      });
      return;
    }
    const result = await kamifax.contacts.saveExport({ format });
    if (!result.ok) return setFailure(result.error);
    if (result.value.path)
      toasts.show({
        message: {
          key: 'contacts.exported',
          values: { count: result.value.count, path: result.value.path },
        },
      });
  };

  const onListKey = (event: KeyboardEvent) => {
    if (!rows || rows.length === 0) {
      if (event.key.toLowerCase() === 'n') setPane({ at: 'edit', contact: null });
      return;
    }
    const move = (index: number) => {
      event.preventDefault();
      setActive(Math.max(0, Math.min(rows.length - 1, index)));
    };
    const current = rows[Math.min(active, rows.length - 1)];
    if (event.key === 'ArrowDown') move(active + 1);
    else if (event.key === 'ArrowUp') move(active - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(rows.length - 1);
    else if (event.key === 'Enter' && current) setPane({ at: 'show', id: current.id });
    else if (event.key === 'F2' && current) setPane({ at: 'edit', contact: current });
    else if (event.key === 'Delete' && current) detach('delete contact', remove(current));
    else if (event.key.toLowerCase() === 'n' && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      setPane({ at: 'edit', contact: null });
    }
  };

  return (
    <section
      className={`screen contacts${pane.at !== 'none' ? ' with-pane' : ''}`}
      aria-labelledby="screen-title"
    >
      <h1 id="screen-title">{t('screen.contacts.title')}</h1>
      <div className="list-tools" role="toolbar" aria-label={t('screen.contacts.title')}>
        <input
          type="search"
          value={search}
          aria-label={t('contacts.search')}
          placeholder={t('contacts.searchPlaceholder')}
          onChange={(event) => {
            setSearch(event.target.value);
            setActive(0);
          }}
        />
        <button type="button" onClick={() => setPane({ at: 'edit', contact: null })}>
          <Plus aria-hidden size={16} /> {t('contacts.add')}
        </button>
        <button type="button" onClick={() => picker.current?.click()}>
          <Upload aria-hidden size={16} /> {t('contacts.import')}
        </button>
        <input
          ref={picker}
          type="file"
          hidden
          accept=".csv,.txt,.vcf,.vcard,text/csv,text/vcard"
          data-testid="contacts-import-file"
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file) detach('import preview', pickFile(file));
          }}
        />
        <span className="export-menu">
          <button
            type="button"
            aria-expanded={exportMenu}
            aria-haspopup="true"
            onClick={() => setExportMenu(!exportMenu)}
          >
            <Download aria-hidden size={16} /> {t('contacts.export')}
          </button>
          {exportMenu && (
            <span
              className="menu"
              onKeyDown={(event) => event.key === 'Escape' && setExportMenu(false)}
            >
              <button type="button" autoFocus onClick={() => detach('export', exportAs('csv'))}>
                {t('contacts.exportCsv')}
              </button>
              <button type="button" onClick={() => detach('export', exportAs('vcard'))}>
                {t('contacts.exportVcard')}
              </button>
            </span>
          )}
        </span>
        <span className="muted" data-testid="contacts-count">
          {rows && (total === 1 ? t('contacts.count.one') : t('contacts.count', { total }))}
        </span>
      </div>
      <p id="contacts-keys" className="visually-hidden">
        {t('contacts.keys')}
      </p>
      {(failure ?? error) && (
        <p role="alert" className="error">
          {errorText((failure ?? error)!.code)}
        </p>
      )}
      <div className="contacts-split">
        {rows && rows.length === 0 ? (
          <p className="empty">
            {search ? t('contacts.emptySearch', { search }) : t('contacts.empty')}
          </p>
        ) : (
          <ul
            ref={list}
            className="contact-list"
            role="listbox"
            tabIndex={0}
            aria-label={t('contacts.list')}
            aria-describedby="contacts-keys"
            aria-activedescendant={rows?.length ? `contact-${active}` : undefined}
            onKeyDown={onListKey}
          >
            {rows?.map((row, index) => (
              <li
                key={row.id}
                id={`contact-${index}`}
                role="option"
                aria-selected={pane.at === 'show' && pane.id === row.id}
                className={`contact-row${index === active ? ' active' : ''}`}
                onClick={() => {
                  setActive(index);
                  setPane({ at: 'show', id: row.id });
                }}
              >
                <span className="contact-name">{row.name}</span>
                <span className="muted">
                  {[row.company, formatFaxNumber(row.faxNumber, country)]
                    .filter(Boolean)
                    .join(' · ')}
                </span>
              </li>
            ))}
          </ul>
        )}
        {pane.at === 'edit' && (
          <aside className="fax-pane contact-pane">
            <ContactForm
              key={pane.contact?.id ?? 'new'}
              contact={pane.contact}
              country={country}
              onSaved={(saved) => {
                setPane({ at: 'show', id: saved.id });
                reload();
                toasts.show({ message: { key: 'contacts.saved' } });
              }}
              onCancel={() => {
                setPane(pane.contact ? { at: 'show', id: pane.contact.id } : { at: 'none' });
                focusList();
              }}
            />
          </aside>
        )}
        {shown && (
          <ContactPane
            key={shown.id}
            contact={shown}
            country={country}
            onEdit={() => setPane({ at: 'edit', contact: shown })}
            onDelete={() => detach('delete contact', remove(shown))}
            onClose={() => {
              setPane({ at: 'none' });
              focusList();
            }}
          />
        )}
      </div>
      {importing && (
        <ImportPreview
          fileName={importing.name}
          preview={importing.preview}
          country={country}
          busy={importing.busy}
          onConfirm={() => detach('import contacts', commit())}
          onCancel={() => setImporting(null)}
        />
      )}
    </section>
  );
}
