import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../lib/api';
import { randomSeed, type AllocationPreview, type DrawView, type Frame } from './samplingApi';

const METHODS = ['power', 'proportional', 'equal'] as const;
const SORT_KEYS = ['sortKey', 'householdType', 'children', 'youngestChildAge'] as const;

const fmt = (value: number, digits = 1) => (Number.isFinite(value) ? value.toLocaleString(undefined, { minimumFractionDigits: digits, maximumFractionDigits: digits }) : '–');
const pct = (value: number) => (Number.isFinite(value) ? `${(value * 100).toLocaleString(undefined, { maximumFractionDigits: 1 })} %` : '–');

/** Allocation form with a live precision table, then the draw with a visible, editable seed. */
export function AllocationDraw({ frame, onDrawn }: { frame: Frame; onDrawn: (draw: DrawView) => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState({ method: 'power', n: '300', q: '0.5', min: '0', max: '', responseRate: '30', p: '50' });
  const [preview, setPreview] = useState<AllocationPreview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [seed, setSeed] = useState(() => String(randomSeed()));
  const [method, setMethod] = useState<'srswor' | 'systematic'>('srswor');
  const [sortKey, setSortKey] = useState<(typeof SORT_KEYS)[number]>('sortKey');
  const [reserve, setReserve] = useState('0');
  const [drawMessage, setDrawMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const set = (name: keyof typeof form, value: string) => setForm((f) => ({ ...f, [name]: value }));

  // Live preview, debounced so typing a number does not send a request per key.
  useEffect(() => {
    const timer = setTimeout(async () => {
      setLoading(true);
      try {
        const body = {
          frameId: frame.id,
          method: form.method,
          n: Number(form.n),
          q: form.method === 'power' ? Number(form.q) : undefined,
          min: form.min === '' ? undefined : Number(form.min),
          max: form.max === '' ? undefined : Number(form.max),
          responseRate: form.responseRate === '' ? undefined : Number(form.responseRate) / 100,
          p: form.p === '' ? undefined : Number(form.p) / 100,
        };
        setPreview(await api.post<AllocationPreview>('/api/sampling/allocations/preview', body));
        setPreviewError(null);
      } catch (caught) {
        setPreview(null);
        setPreviewError(caught instanceof ApiError ? [caught.message, ...caught.details.map((d) => (d.path ? `${d.path}: ${d.message}` : d.message))].join(' ') : t('errors.network'));
      } finally {
        setLoading(false);
      }
    }, 300);
    return () => clearTimeout(timer);
  }, [frame.id, form, t]);

  const onDraw = async (event: FormEvent) => {
    event.preventDefault();
    if (!preview) {
      setDrawMessage({ ok: false, text: t('sampling.draw.needsPreview') });
      return;
    }
    setBusy(true);
    setDrawMessage(null);
    try {
      const reservePerDistrict = Number(reserve) || 0;
      const body = {
        frameId: frame.id,
        method,
        seed: Number(seed),
        allocation: preview.gross,
        allocationExact: Object.fromEntries(preview.allocation.strata.map((s) => [s.stratum, s.exact])),
        sortKey: method === 'systematic' ? [sortKey] : undefined,
        reserve:
          method === 'srswor' && reservePerDistrict > 0
            ? Object.fromEntries(frame.districts.map((d) => [d.district, Math.max(0, Math.min(reservePerDistrict, d.households - (preview.gross[d.district] ?? 0)))]))
            : undefined,
      };
      const { draw } = await api.post<{ draw: DrawView }>('/api/sampling/draws', body);
      setDrawMessage({ ok: true, text: t('sampling.draw.done', { invited: draw.counts.invited, reserve: draw.counts.reserve, seed: draw.seed }) });
      onDrawn(draw);
    } catch (caught) {
      setDrawMessage({ ok: false, text: caught instanceof ApiError ? [caught.message, ...caught.details.map((d) => `${d.path}: ${d.message}`)].join(' ') : t('errors.network') });
    } finally {
      setBusy(false);
    }
  };

  const precisionOf = (stratum: string) => preview?.precision.strata.find((s) => s.stratum === stratum);
  return (
    <>
      <section className="card" aria-labelledby="allocation-title">
        <h2 id="allocation-title">{t('sampling.allocation.title')}</h2>
        <form className="sampling-grid" onSubmit={(e) => e.preventDefault()}>
          <div className="field">
            <label htmlFor="alloc-method">{t('sampling.allocation.method')}</label>
            <select id="alloc-method" value={form.method} onChange={(e) => set('method', e.target.value)}>
              {METHODS.map((m) => (
                <option key={m} value={m}>
                  {t(`sampling.allocation.methods.${m}`)}
                </option>
              ))}
            </select>
          </div>
          <NumberField id="alloc-n" label={t('sampling.allocation.n')} value={form.n} min={1} onChange={(v) => set('n', v)} />
          {form.method === 'power' && <NumberField id="alloc-q" label={t('sampling.allocation.q')} value={form.q} min={0} max={1} step={0.05} onChange={(v) => set('q', v)} />}
          <NumberField id="alloc-min" label={t('sampling.allocation.min')} value={form.min} min={0} onChange={(v) => set('min', v)} />
          <NumberField id="alloc-max" label={t('sampling.allocation.max')} value={form.max} min={0} onChange={(v) => set('max', v)} />
          <NumberField id="alloc-rate" label={t('sampling.allocation.responseRate')} value={form.responseRate} min={1} max={100} onChange={(v) => set('responseRate', v)} />
          <NumberField id="alloc-p" label={t('sampling.allocation.p')} value={form.p} min={0} max={100} onChange={(v) => set('p', v)} />
        </form>
        <p className="muted" role="status">
          {loading ? t('sampling.allocation.updating') : ''}
        </p>
        {previewError && (
          <div className="message message--error" role="alert">
            <p>{previewError}</p>
          </div>
        )}
        {preview && (
          <div className="table-scroll" tabIndex={0} role="region" aria-label={t('sampling.allocation.caption')}>
            <table className="table table--compact" aria-live="polite">
              <caption>{t('sampling.allocation.caption')}</caption>
              <thead>
                <tr>
                  {(['district', 'N', 'exact', 'net', 'gross', 'expectedNet', 'se', 'halfWidth'] as const).map((c) => (
                    <th key={c} scope="col" className={c === 'district' ? undefined : 'num'}>
                      {t(`sampling.allocation.${c}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {preview.allocation.strata.map((s) => (
                  <tr key={s.stratum}>
                    <th scope="row">{s.stratum}</th>
                    <td className="num">{s.N.toLocaleString()}</td>
                    <td className="num">{fmt(s.exact, 2)}</td>
                    <td className="num">{s.allocation}</td>
                    <td className="num">{s.gross ?? s.allocation}</td>
                    <td className="num">{fmt(s.expectedNet ?? s.allocation)}</td>
                    <td className="num">{pct(precisionOf(s.stratum)?.se ?? NaN)}</td>
                    <td className="num">± {pct(precisionOf(s.stratum)?.halfWidth ?? NaN)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t('sampling.allocation.total')}</th>
                  <td className="num">{frame.rowCount.toLocaleString()}</td>
                  <td />
                  <td className="num">{preview.allocation.strata.reduce((a, s) => a + s.allocation, 0)}</td>
                  <td className="num">{preview.grossTotal}</td>
                  <td className="num">{fmt(preview.precision.overall.n)}</td>
                  <td className="num">{pct(preview.precision.overall.se)}</td>
                  <td className="num">± {pct(preview.precision.overall.halfWidth)}</td>
                </tr>
              </tfoot>
            </table>
            <p className="muted">{t('sampling.allocation.deff', { deff: fmt(preview.precision.overall.deffKish, 3), effective: fmt(preview.precision.overall.effectiveN, 0) })}</p>
          </div>
        )}
      </section>

      <section className="card" aria-labelledby="draw-title">
        <h2 id="draw-title">{t('sampling.draw.title')}</h2>
        <form className="form" onSubmit={onDraw}>
          <div className="sampling-grid">
            <div className="field">
              <label htmlFor="draw-seed">{t('sampling.draw.seed')}</label>
              <p id="draw-seed-hint" className="field__hint">
                {t('sampling.draw.seedHint')}
              </p>
              <input id="draw-seed" inputMode="numeric" pattern="[0-9]{1,10}" required value={seed} aria-describedby="draw-seed-hint" onChange={(e) => setSeed(e.target.value.trim())} />
              <button type="button" className="button button--quiet button--small" onClick={() => setSeed(String(randomSeed()))}>
                {t('sampling.draw.newSeed')}
              </button>
            </div>
            <div className="field">
              <label htmlFor="draw-method">{t('sampling.draw.method')}</label>
              <select id="draw-method" value={method} onChange={(e) => setMethod(e.target.value as typeof method)}>
                {(['srswor', 'systematic'] as const).map((m) => (
                  <option key={m} value={m}>
                    {t(`sampling.draw.methods.${m}`)}
                  </option>
                ))}
              </select>
            </div>
            {method === 'systematic' ? (
              <div className="field">
                <label htmlFor="draw-sort">{t('sampling.draw.sortKey')}</label>
                <select id="draw-sort" value={sortKey} onChange={(e) => setSortKey(e.target.value as typeof sortKey)}>
                  {SORT_KEYS.map((k) => (
                    <option key={k} value={k}>
                      {t(`sampling.draw.sortKeys.${k}`)}
                    </option>
                  ))}
                </select>
              </div>
            ) : (
              <NumberField id="draw-reserve" label={t('sampling.draw.reserve')} hint={t('sampling.draw.reserveHint')} value={reserve} min={0} onChange={setReserve} />
            )}
          </div>
          <button type="submit" className="button button--primary" disabled={busy || !preview}>
            {t('sampling.draw.submit')}
          </button>
        </form>
        {drawMessage && (
          <div className={drawMessage.ok ? 'message message--success' : 'message message--error'} role={drawMessage.ok ? 'status' : 'alert'}>
            <p>{drawMessage.text}</p>
          </div>
        )}
      </section>
    </>
  );
}

function NumberField(props: { id: string; label: string; hint?: string; value: string; min?: number; max?: number; step?: number; onChange: (value: string) => void }) {
  const hintId = props.hint ? `${props.id}-hint` : undefined;
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      {props.hint && (
        <p id={hintId} className="field__hint">
          {props.hint}
        </p>
      )}
      <input
        id={props.id}
        type="number"
        inputMode="decimal"
        value={props.value}
        min={props.min}
        max={props.max}
        step={props.step ?? 1}
        aria-describedby={hintId}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </div>
  );
}
