import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session';
import { PageTitle } from '../../components/PageTitle';
import { api } from '../../lib/api';
import { AllocationDraw } from './AllocationDraw';
import { DrawsList, Letters, PurgeContacts } from './DrawsAndLetters';
import { PaperForms } from './PaperForms';
import { FrameImport } from './FrameImport';
import { PanelWaves } from './PanelWaves';
import type { DrawView, Frame } from './samplingApi';
import './sampling.css';

/** Stichprobe: frame import, allocation, draw, access codes and letters, panel waves and reserve (planner, admin). */
export default function SamplingPage() {
  const { t } = useTranslation();
  const { state } = useSession();
  const isAdmin = state.status === 'ready' && state.user?.role === 'admin';
  const [frames, setFrames] = useState<Frame[]>([]);
  const [frameId, setFrameId] = useState<string | null>(null);
  const [draws, setDraws] = useState<DrawView[]>([]);
  const [drawId, setDrawId] = useState<string | null>(null);
  const [loadError, setLoadError] = useState(false);

  const loadFrames = useCallback(
    async (select?: string) => {
      try {
        const { frames: list } = await api.get<{ frames: Frame[] }>('/api/sampling/frames');
        setFrames(list);
        setFrameId((current) => select ?? current ?? list[0]?.id ?? null);
        setLoadError(false);
      } catch {
        setLoadError(true);
      }
    },
    [],
  );

  const loadDraws = useCallback(
    async (select?: string) => {
      if (!frameId) return setDraws([]);
      try {
        const { draws: list } = await api.get<{ draws: DrawView[] }>(`/api/sampling/draws?frameId=${encodeURIComponent(frameId)}`);
        setDraws(list);
        setDrawId((current) => select ?? (list.some((d) => d.id === current) ? current : (list[0]?.id ?? null)));
      } catch {
        setLoadError(true);
      }
    },
    [frameId],
  );

  useEffect(() => void loadFrames(), [loadFrames]);
  useEffect(() => void loadDraws(), [loadDraws]);

  const frame = frames.find((f) => f.id === frameId) ?? null;
  return (
    <>
      <PageTitle>{t('sampling.title')}</PageTitle>
      <p className="lead">{t('sampling.intro')}</p>
      {loadError && (
        <div className="message message--error" role="alert">
          <p>{t('sampling.loadFailed')}</p>
        </div>
      )}

      <FrameImport onImported={(id) => void loadFrames(id)} />

      <section className="card" aria-labelledby="frames-title">
        <h2 id="frames-title" className="visually-hidden">
          {t('sampling.frames.select')}
        </h2>
        {frames.length === 0 ? (
          <p className="message message--empty">{t('sampling.frames.none')}</p>
        ) : (
          <div className="field">
            <label htmlFor="frame-select">{t('sampling.frames.select')}</label>
            <select id="frame-select" value={frameId ?? ''} onChange={(e) => setFrameId(e.target.value)}>
              {frames.map((f) => (
                <option key={f.id} value={f.id}>
                  {t('sampling.frames.option', { name: f.name, rows: f.rowCount.toLocaleString(), date: new Date(f.importedAt).toLocaleDateString() })}
                </option>
              ))}
            </select>
            {frame?.contactsPurgedAt && <p className="field__hint">{t('sampling.frames.purged', { date: new Date(frame.contactsPurgedAt).toLocaleDateString() })}</p>}
          </div>
        )}
      </section>

      {frame && (
        <>
          <AllocationDraw key={frame.id} frame={frame} onDrawn={(draw) => void loadDraws(draw.id)} />
          <DrawsList draws={draws} selected={drawId} onSelect={setDrawId} />
          <Letters drawId={drawId} onIssued={() => void loadDraws()} />
          <PaperForms drawId={drawId} />
        </>
      )}

      {frames.length > 0 && (
        <PanelWaves
          frames={frames}
          draws={draws}
          onStarted={(startedFrameId, startedDrawId) => {
            // Select the new wave's draw for the letters; a changed frame reloads its draws by itself.
            if (startedFrameId === frameId) return void loadDraws(startedDrawId);
            setFrameId(startedFrameId);
            setDrawId(startedDrawId);
          }}
          onChanged={() => void loadDraws()}
        />
      )}

      {frame && isAdmin && <PurgeContacts frame={frame} onPurged={() => void loadFrames()} />}
    </>
  );
}
