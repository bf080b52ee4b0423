import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../lib/api';
import { randomSeed, type AttritionReason, type Frame, type ReleaseResult, type StartWaveResult, type WaveOverview } from './samplingApi';

const weight = (value: number | null | undefined) => (value === null || value === undefined ? '–' : value.toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
const pct = (value: number | null) => (value === null || !Number.isFinite(value) ? '–' : `${(value * 100).toLocaleString(undefined, { maximumFractionDigits: 1 })} %`);
const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);

type Message = { ok: boolean; text: string } | null;

function errorText(caught: unknown, network: string): string {
  if (!(caught instanceof ApiError)) return network;
  return [caught.message, ...caught.details.filter((d) => d.path && d.message !== caught.message).map((d) => `${d.path}: ${d.message}`)].join(' ');
}

/**
 * Panel und Wellen: overview of every wave (invited, responded, attrition, refreshment, reserve and
 * weights per district), release of a reserve batch with the weights it will give, and the start of
 * the next wave from a newly imported frame.
 */
export function PanelWaves({
  frames,
  draws,
  onStarted,
  onChanged,
}: {
  frames: Frame[];
  /** Reloads the overview whenever the page's draws change. */
  draws: unknown;
  onStarted: (frameId: string, drawId: string) => void;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const [waves, setWaves] = useState<WaveOverview[] | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  const load = useCallback(
    async (select?: string) => {
      try {
        const { waves: list } = await api.get<{ waves: WaveOverview[] }>('/api/sampling/waves');
        setWaves(list);
        setSelected((current) => select ?? (list.some((w) => w.drawId === current) ? current : (list.at(-1)?.drawId ?? null)));
        setLoadError(null);
      } catch (caught) {
        setLoadError(errorText(caught, t('errors.network')));
      }
    },
    [t],
  );
  useEffect(() => void load(), [load, draws]);

  const label = (w: WaveOverview) => t('sampling.panel.waveLabel', { wave: w.wave, date: new Date(w.createdAt).toLocaleDateString(), frame: w.frameName });
  const reasons = (byReason: Partial<Record<AttritionReason, number>>) =>
    Object.entries(byReason)
      .map(([reason, n]) => t(`sampling.panel.reasons.${reason}`, { n }))
      .join(', ');
  const wave = waves?.find((w) => w.drawId === selected) ?? null;

  return (
    <section className="card" aria-labelledby="panel-title">
      <h2 id="panel-title">{t('sampling.panel.title')}</h2>
      <p>{t('sampling.panel.intro')}</p>
      {loadError && (
        <div className="message message--error" role="alert">
          <p>{loadError}</p>
        </div>
      )}
      {waves && waves.length === 0 && <p className="message message--empty">{t('sampling.panel.empty')}</p>}
      {waves && waves.length > 0 && (
        <>
          <div className="table-scroll" tabIndex={0} role="region" aria-label={t('sampling.panel.wavesCaption')}>
            <table className="table table--compact">
              <caption>{t('sampling.panel.wavesCaption')}</caption>
              <thead>
                <tr>
                  {(['wave', 'seed', 'contacted', 'panel', 'fresh', 'responded', 'attrition', 'reserveLeft'] as const).map((c) => (
                    <th key={c} scope="col" className={c === 'wave' ? undefined : 'num'}>
                      {t(`sampling.panel.columns.${c}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {waves.map((w) => (
                  <tr key={w.drawId} data-draw-id={w.drawId}>
                    <th scope="row">{label(w)}</th>
                    <td className="num">{w.seed}</td>
                    <td className="num">{w.totals.contacted}</td>
                    <td className="num">{w.totals.panel}</td>
                    <td className="num">{w.totals.fresh}</td>
                    <td className="num">
                      {w.totals.responded} ({pct(ratio(w.totals.responded, w.totals.contacted))})
                    </td>
                    <td className="num">
                      {w.totals.attrition}
                      {w.totals.attrition > 0 && <span className="muted"> ({reasons(w.totals.attritionByReason)})</span>}
                    </td>
                    <td className="num">{w.totals.reserveLeft}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="muted">{t('sampling.panel.columnsHint')}</p>

          <div className="field">
            <label htmlFor="panel-wave-select">{t('sampling.panel.select')}</label>
            <select id="panel-wave-select" value={selected ?? ''} onChange={(e) => setSelected(e.target.value)}>
              {waves.map((w) => (
                <option key={w.drawId} value={w.drawId}>
                  {label(w)}
                </option>
              ))}
            </select>
          </div>
          {wave && <WaveDistricts wave={wave} label={label(wave)} />}
          {wave && <ReserveRelease key={wave.drawId} wave={wave} onReleased={() => (void load(wave.drawId), onChanged())} />}
          <StartWave
            waves={waves}
            frames={frames}
            label={label}
            onStarted={(result) => {
              void load(result.wave.drawId);
              onStarted(result.wave.frameId, result.wave.drawId);
            }}
          />
        </>
      )}
    </section>
  );
}

/** Per-district counts and weights of one wave. */
function WaveDistricts({ wave, label }: { wave: WaveOverview; label: string }) {
  const { t } = useTranslation();
  const later = wave.previousDrawId !== null;
  const columns = ['households', 'contacted', 'panel', 'fresh', 'responded', 'attrition', 'reserve', 'designWeight', ...(later ? (['retention', 'panelWeight', 'refreshmentWeight'] as const) : [])] as const;
  const caption = t('sampling.panel.districtsCaption', { wave: label });
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table className="table table--compact">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('sampling.panel.columns.district')}</th>
            {columns.map((c) => (
              <th key={c} scope="col" className="num">
                {t(`sampling.panel.columns.${c}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {wave.districts.map((d) => (
            <tr key={d.district}>
              <th scope="row">{d.district}</th>
              <td className="num">{d.households.toLocaleString()}</td>
              <td className="num">{d.contacted}</td>
              <td className="num">{d.panel}</td>
              <td className="num">{d.fresh}</td>
              <td className="num">{d.responded}</td>
              <td className="num">{d.attrition}</td>
              <td className="num">{t('sampling.panel.reserveCell', { left: d.reserveLeft, released: d.reserveReleased })}</td>
              <td className="num">{weight(d.designWeight)}</td>
              {later && (
                <>
                  <td className="num">{pct(d.weights?.retention ?? null)}</td>
                  <td className="num">{weight(d.weights?.panelWeight)}</td>
                  <td className="num">{weight(d.weights?.refreshmentWeight)}</td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">{later ? t('sampling.panel.weightsLater') : t('sampling.panel.weightsFirst')}</p>
    </div>
  );
}

/** Releases the next reserve households of one district or of every district, after a confirmation that shows the new weights. */
function ReserveRelease({ wave, onReleased }: { wave: WaveOverview; onReleased: () => void }) {
  const { t } = useTranslation();
  const [district, setDistrict] = useState('all');
  const [count, setCount] = useState('1');
  const [confirmed, setConfirmed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message>(null);
  const withReserve = wave.districts.filter((d) => d.reserveLeft > 0);
  const k = Math.max(0, Math.trunc(Number(count) || 0));

  // Every district with reserve gets up to k households; a single district gets exactly k (the server refuses more than are left).
  const batch = useMemo(() => {
    if (k === 0) return {};
    if (district === 'all') return Object.fromEntries(withReserve.map((d) => [d.district, Math.min(k, d.reserveLeft)]));
    return { [district]: k };
  }, [district, k, withReserve]);
  const preview = Object.entries(batch).map(([name, n]) => {
    const d = wave.districts.find((x) => x.district === name)!;
    return { district: name, n, before: d.designWeight, after: d.contacted + n > 0 ? d.households / (d.contacted + n) : null };
  });

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      const result = await api.post<ReleaseResult>(`/api/sampling/draws/${wave.drawId}/reserve-release`, { batch });
      const weights = Object.entries(result.design)
        .map(([name, d]) => `${name} ${weight(d.designWeight)}`)
        .join('; ');
      setMessage({ ok: true, text: t('sampling.panel.release.done', { count: result.released, weights }) });
      setConfirmed(false);
      onReleased();
    } catch (caught) {
      setMessage({ ok: false, text: errorText(caught, t('errors.network')) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="panel-block">
      <h3>{t('sampling.panel.release.title')}</h3>
      {withReserve.length === 0 ? (
        <p className="message message--empty">{t('sampling.panel.release.none')}</p>
      ) : (
        <form className="form" onSubmit={onSubmit}>
          <p>{t('sampling.panel.release.intro')}</p>
          <div className="sampling-grid">
            <div className="field">
              <label htmlFor="release-district">{t('sampling.panel.release.district')}</label>
              <select id="release-district" value={district} onChange={(e) => (setDistrict(e.target.value), setConfirmed(false))}>
                <option value="all">{t('sampling.panel.release.all')}</option>
                {withReserve.map((d) => (
                  <option key={d.district} value={d.district}>
                    {t('sampling.panel.release.districtOption', { district: d.district, left: d.reserveLeft })}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="release-count">{t('sampling.panel.release.count')}</label>
              <input id="release-count" type="number" inputMode="numeric" min={1} step={1} value={count} onChange={(e) => (setCount(e.target.value), setConfirmed(false))} />
            </div>
          </div>
          {preview.length > 0 && (
            <div className="table-scroll" tabIndex={0} role="region" aria-label={t('sampling.panel.release.previewCaption')}>
              <table className="table table--compact">
                <caption>{t('sampling.panel.release.previewCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('sampling.panel.columns.district')}</th>
                    <th scope="col" className="num">
                      {t('sampling.panel.release.released')}
                    </th>
                    <th scope="col" className="num">
                      {t('sampling.panel.release.before')}
                    </th>
                    <th scope="col" className="num">
                      {t('sampling.panel.release.after')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {preview.map((p) => (
                    <tr key={p.district}>
                      <th scope="row">{p.district}</th>
                      <td className="num">{p.n}</td>
                      <td className="num">{weight(p.before)}</td>
                      <td className="num">{weight(p.after)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <div className="field">
            <label>
              <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />{' '}
              {t('sampling.panel.release.confirm', { count: preview.reduce((a, p) => a + p.n, 0) })}
            </label>
          </div>
          <button type="submit" className="button button--secondary" disabled={busy || !confirmed || preview.length === 0}>
            {t('sampling.panel.release.submit')}
          </button>
        </form>
      )}
      {message && (
        <div className={message.ok ? 'message message--success' : 'message message--error'} role={message.ok ? 'status' : 'alert'}>
          <p>{message.text}</p>
        </div>
      )}
    </div>
  );
}

/** Starts wave k+1: previous wave, the newly imported frame, refreshment size and reserve per district, seed. */
function StartWave({
  waves,
  frames,
  label,
  onStarted,
}: {
  waves: WaveOverview[];
  frames: Frame[];
  label: (w: WaveOverview) => string;
  onStarted: (result: StartWaveResult) => void;
}) {
  const { t } = useTranslation();
  const latest = waves.at(-1)?.drawId ?? '';
  const [previous, setPrevious] = useState(latest);
  // A wave just started becomes the one to continue from.
  useEffect(() => setPrevious(latest), [latest]);
  const previousWave = waves.find((w) => w.drawId === previous) ?? waves.at(-1)!;
  const [frameId, setFrameId] = useState(() => frames.find((f) => f.id !== previousWave.frameId)?.id ?? frames[0]?.id ?? '');
  const [refreshment, setRefreshment] = useState('10');
  const [reserve, setReserve] = useState('0');
  const [seed, setSeed] = useState(() => String(randomSeed()));
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message>(null);
  const frame = frames.find((f) => f.id === frameId);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!frame) return;
    setBusy(true);
    setMessage(null);
    try {
      const perDistrict = (value: string) => Object.fromEntries(frame.districts.map((d) => [d.district, Math.max(0, Math.trunc(Number(value) || 0))]));
      const result = await api.post<StartWaveResult>('/api/sampling/waves', {
        previousDrawId: previousWave.drawId,
        frameId: frame.id,
        allocation: perDistrict(refreshment),
        reserve: Number(reserve) > 0 ? perDistrict(reserve) : undefined,
        seed: Number(seed),
      });
      setMessage({
        ok: true,
        text: t('sampling.panel.start.done', { wave: result.wave.wave, reinvited: result.reinvited, attrition: result.attrition, refreshment: result.refreshment, seed: result.wave.seed }),
      });
      setSeed(String(randomSeed()));
      onStarted(result);
    } catch (caught) {
      setMessage({ ok: false, text: errorText(caught, t('errors.network')) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="panel-block">
      <h3>{t('sampling.panel.start.title', { wave: previousWave.wave + 1 })}</h3>
      <p>{t('sampling.panel.start.intro')}</p>
      <form className="form" onSubmit={onSubmit}>
        <div className="sampling-grid">
          <div className="field">
            <label htmlFor="wave-previous">{t('sampling.panel.start.previous')}</label>
            <select id="wave-previous" value={previousWave.drawId} onChange={(e) => setPrevious(e.target.value)}>
              {waves.map((w) => (
                <option key={w.drawId} value={w.drawId}>
                  {label(w)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="wave-frame">{t('sampling.panel.start.frame')}</label>
            <p id="wave-frame-hint" className="field__hint">
              {t('sampling.panel.start.frameHint')}
            </p>
            <select id="wave-frame" value={frameId} aria-describedby="wave-frame-hint" onChange={(e) => setFrameId(e.target.value)}>
              {frames.map((f) => (
                <option key={f.id} value={f.id}>
                  {t('sampling.frames.option', { name: f.name, rows: f.rowCount.toLocaleString(), date: new Date(f.importedAt).toLocaleDateString() })}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="wave-refreshment">{t('sampling.panel.start.refreshment')}</label>
            <p id="wave-refreshment-hint" className="field__hint">
              {t('sampling.panel.start.refreshmentHint')}
            </p>
            <input id="wave-refreshment" type="number" inputMode="numeric" min={0} step={1} value={refreshment} aria-describedby="wave-refreshment-hint" onChange={(e) => setRefreshment(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="wave-reserve">{t('sampling.panel.start.reserve')}</label>
            <input id="wave-reserve" type="number" inputMode="numeric" min={0} step={1} value={reserve} onChange={(e) => setReserve(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="wave-seed">{t('sampling.panel.start.seed')}</label>
            <p id="wave-seed-hint" className="field__hint">
              {t('sampling.draw.seedHint')}
            </p>
            <input id="wave-seed" inputMode="numeric" pattern="[0-9]{1,10}" required value={seed} aria-describedby="wave-seed-hint" onChange={(e) => setSeed(e.target.value.trim())} />
            <button type="button" className="button button--quiet button--small" onClick={() => setSeed(String(randomSeed()))}>
              {t('sampling.draw.newSeed')}
            </button>
          </div>
        </div>
        <button type="submit" className="button button--primary" disabled={busy || !frame}>
          {t('sampling.panel.start.submit', { wave: previousWave.wave + 1 })}
        </button>
      </form>
      {message && (
        <div className={message.ok ? 'message message--success' : 'message message--error'} role={message.ok ? 'status' : 'alert'}>
          <p>{message.text}</p>
        </div>
      )}
    </div>
  );
}
