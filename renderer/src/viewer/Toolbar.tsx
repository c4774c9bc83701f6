import {
  ChevronDown,
  ChevronUp,
  Download,
  Forward,
  PanelLeft,
  Printer,
  RotateCcw,
  RotateCw,
  RotateCwSquare,
  X,
  ZoomIn,
  ZoomOut,
} from 'lucide-react';
import { useId, useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { clampZoom, parsePageInput, stepZoom, type ZoomMode } from './layout';

const presetPercents = [25, 50, 75, 100, 125, 150, 200, 300, 400];

/** What the toolbar shows and the actions it offers; optional actions hide their buttons. */
export interface ToolbarProps {
  pageIndex: number;
  pageCount: number;
  onGoTo: (pageIndex: number) => void;
  zoomMode: ZoomMode;
  /** The zoom factor the mode resolves to right now (1 = 100 %). */
  zoom: number;
  onZoom: (mode: ZoomMode) => void;
  onRotatePage: () => void;
  onRotateDocument: (delta: 90 | -90) => void;
  thumbnailsShown: boolean;
  onToggleThumbnails: () => void;
  onPrint: () => void;
  printing: boolean;
  onSave: () => void;
  onForward?: (() => void) | undefined;
  onClose?: (() => void) | undefined;
}

/** The viewer's toolbar: navigation, zoom, rotation and the document actions. */
export function Toolbar(props: ToolbarProps) {
  const { t } = useI18n();
  const pageInputId = useId();
  const zoomId = useId();
  // What the user is typing, until they leave the box or the page changes under them.
  const [draft, setDraft] = useState<{ forPage: number; text: string } | null>(null);
  const typed =
    draft && draft.forPage === props.pageIndex ? draft.text : String(props.pageIndex + 1);
  const setTyped = (text: string) => setDraft({ forPage: props.pageIndex, text });

  const commitPage = () => {
    const page = parsePageInput(typed, props.pageCount);
    setDraft(null);
    if (page !== null) props.onGoTo(page - 1);
  };
  const percent = Math.round(props.zoom * 100);
  const zoomValue = props.zoomMode.kind === 'custom' ? String(percent) : props.zoomMode.kind;

  return (
    <div className="viewer-toolbar" role="toolbar" aria-label={t('viewer.toolbar')}>
      <button
        type="button"
        aria-pressed={props.thumbnailsShown}
        aria-label={t('viewer.thumbnails.toggle')}
        title={t('viewer.thumbnails.toggle')}
        onClick={props.onToggleThumbnails}
      >
        <PanelLeft aria-hidden="true" size={16} />
      </button>
      <span className="viewer-toolbar-group">
        <button
          type="button"
          aria-label={t('viewer.page.previous')}
          title={t('viewer.page.previous')}
          disabled={props.pageIndex <= 0}
          onClick={() => props.onGoTo(props.pageIndex - 1)}
        >
          <ChevronUp aria-hidden="true" size={16} />
        </button>
        <button
          type="button"
          aria-label={t('viewer.page.next')}
          title={t('viewer.page.next')}
          disabled={props.pageIndex >= props.pageCount - 1}
          onClick={() => props.onGoTo(props.pageIndex + 1)}
        >
          <ChevronDown aria-hidden="true" size={16} />
        </button>
        <label htmlFor={pageInputId} className="visually-hidden">
          {t('viewer.page.input')}
        </label>
        <input
          id={pageInputId}
          className="viewer-page-input"
          inputMode="numeric"
          value={typed}
          size={4}
          onChange={(event) => setTyped(event.target.value)}
          onBlur={commitPage}
          onKeyDown={(event) => {
            if (event.key === 'Enter') commitPage();
            if (event.key === 'Escape') setDraft(null);
          }}
        />
        <span>{t('viewer.page.of', { count: props.pageCount })}</span>
      </span>
      <span className="viewer-toolbar-group">
        <button
          type="button"
          aria-label={t('viewer.zoom.out')}
          title={t('viewer.zoom.out')}
          onClick={() => props.onZoom({ kind: 'custom', zoom: stepZoom(props.zoom, -1) })}
        >
          <ZoomOut aria-hidden="true" size={16} />
        </button>
        <label htmlFor={zoomId} className="visually-hidden">
          {t('viewer.zoom.label')}
        </label>
        <select
          id={zoomId}
          value={zoomValue}
          onChange={(event) => {
            const value = event.target.value;
            if (value === 'fitWidth' || value === 'fitPage') props.onZoom({ kind: value });
            else props.onZoom({ kind: 'custom', zoom: clampZoom(Number(value) / 100) });
          }}
        >
          <option value="fitWidth">{t('viewer.zoom.fitWidth')}</option>
          <option value="fitPage">{t('viewer.zoom.fitPage')}</option>
          {!presetPercents.includes(percent) && props.zoomMode.kind === 'custom' && (
            <option value={String(percent)}>{t('viewer.zoom.percent', { percent })}</option>
          )}
          {presetPercents.map((value) => (
            <option key={value} value={String(value)}>
              {t('viewer.zoom.percent', { percent: value })}
            </option>
          ))}
        </select>
        <button
          type="button"
          aria-label={t('viewer.zoom.in')}
          title={t('viewer.zoom.in')}
          onClick={() => props.onZoom({ kind: 'custom', zoom: stepZoom(props.zoom, 1) })}
        >
          <ZoomIn aria-hidden="true" size={16} />
        </button>
      </span>
      <span className="viewer-toolbar-group">
        <button
          type="button"
          aria-label={t('viewer.rotate.page')}
          title={t('viewer.rotate.page')}
          onClick={props.onRotatePage}
        >
          <RotateCwSquare aria-hidden="true" size={16} />
        </button>
        <button
          type="button"
          aria-label={t('viewer.rotate.documentLeft')}
          title={t('viewer.rotate.documentLeft')}
          onClick={() => props.onRotateDocument(-90)}
        >
          <RotateCcw aria-hidden="true" size={16} />
        </button>
        <button
          type="button"
          aria-label={t('viewer.rotate.documentRight')}
          title={t('viewer.rotate.documentRight')}
          onClick={() => props.onRotateDocument(90)}
        >
          <RotateCw aria-hidden="true" size={16} />
        </button>
      </span>
      <span className="viewer-toolbar-group viewer-toolbar-actions">
        <button
          type="button"
          onClick={props.onPrint}
          disabled={props.printing}
          title={t('viewer.print')}
        >
          <Printer aria-hidden="true" size={16} />
          <span className="button-label">{t('viewer.print')}</span>
        </button>
        <button type="button" onClick={props.onSave} title={t('viewer.save')}>
          <Download aria-hidden="true" size={16} />
          <span className="button-label">{t('viewer.save')}</span>
        </button>
        {props.onForward && (
          <button type="button" onClick={props.onForward} title={t('viewer.forward')}>
            <Forward aria-hidden="true" size={16} />
            <span className="button-label">{t('viewer.forward')}</span>
          </button>
        )}
        {props.onClose && (
          <button
            type="button"
            aria-label={t('viewer.close')}
            title={t('viewer.close')}
            onClick={props.onClose}
          >
            <X aria-hidden="true" size={16} />
          </button>
        )}
      </span>
    </div>
  );
}
