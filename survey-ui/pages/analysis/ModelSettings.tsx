import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, request } from '../../lib/api';
import { covariateLabel } from './covariateLabel';
import { warningText } from './ModelCard';
import type { AreaLevel, Indicator, SmallArea } from './types';

type Outcome = { kind: 'success' | 'error'; text: string } | null;

/**
 * The covariates of one indicator's model at one level: checkboxes of the covariates the level has (from the
 * frame or imported), pre-set to those the model uses now (or, when the model had to leave some out or could
 * not be fitted, to the saved choice or the defaults). Saving stores the choice on the server
 * (`PUT /api/analysis/model-settings`, `covariates: null` = back to the defaults) and reloads the indicators,
 * so the model card shows the refitted model.
 */
export function ModelSettings({
  indicator,
  level,
  smallArea,
  saved,
  onSaved,
}: {
  indicator: Indicator;
  level: AreaLevel;
  smallArea: SmallArea;
  /** The stored choice for this indicator and level; undefined = defaults. */
  saved: string[] | undefined;
  onSaved: () => Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'de';
  const card = indicator.models?.[level] ?? null;
  const available = smallArea.covariates.filter((c) => c.level === level);
  const defaults = smallArea.defaults[level] ?? [];
  // No planner ever chooses the intercept alone (the API refuses an empty list): that is a reduced model too.
  const reduced = !card || card.covariates.length === 0 || card.warnings.some((w) => w.code === 'covariates-reduced');
  const current = reduced ? (saved ?? defaults) : card.covariates;
  const currentKey = current.join('\u0000');
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set(current));
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  // Another indicator, level or a refitted model: start again from what the model uses.
  useEffect(() => {
    setChosen(new Set(currentKey === '' ? [] : currentKey.split('\u0000')));
  }, [indicator.id, level, currentKey]);
  useEffect(() => setOutcome(null), [indicator.id, level]);

  const save = async (covariates: string[] | null) => {
    setBusy(true);
    setOutcome(null);
    try {
      await request('PUT', '/api/analysis/model-settings', { indicatorId: indicator.id, level, covariates });
      await onSaved();
      setOutcome({ kind: 'success', text: t(covariates === null ? 'analysis.settings.resetDone' : 'analysis.settings.saved') });
    } catch (caught) {
      setOutcome({ kind: 'error', text: caught instanceof ApiError && caught.message ? caught.message : t('analysis.settings.failed') });
    } finally {
      setBusy(false);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // In the order the API lists them, so the same choice always reads the same.
    void save(available.map((c) => c.name).filter((name) => chosen.has(name)));
  };
  const toggle = (name: string, on: boolean) =>
    setChosen((previous) => {
      const next = new Set(previous);
      if (on) next.add(name);
      else next.delete(name);
      return next;
    });
  const collinear = card?.warnings.filter((w) => w.code === 'collinear') ?? [];
  const levelName = t(`analysis.level.${level}`);

  return (
    <form className="model-settings" onSubmit={submit} aria-labelledby="model-settings-title">
      <h3 id="model-settings-title">{t('analysis.settings.title')}</h3>
      {available.length === 0 ? (
        <p>{t('analysis.settings.noneAvailable', { level: levelName })}</p>
      ) : (
        <fieldset className="model-settings__choices" aria-describedby="model-settings-hint">
          <legend>{t('analysis.settings.legend', { indicator: indicator.label, level: levelName })}</legend>
          {available.map((c, i) => (
            <div className="model-settings__choice" key={c.name}>
              <input type="checkbox" id={`covariate-${i}`} checked={chosen.has(c.name)} onChange={(e) => toggle(c.name, e.target.checked)} />
              <label htmlFor={`covariate-${i}`}>
                {covariateLabel(smallArea, level, c.name, language)}{' '}
                <span className={c.source === 'import' ? 'badge badge--import' : 'badge badge--frame'}>
                  {c.source === 'import' ? t('analysis.settings.sourceImport', { version: c.version ?? '–' }) : t('analysis.settings.sourceFrame')}
                </span>
              </label>
            </div>
          ))}
        </fieldset>
      )}
      <p className="field__hint" id="model-settings-hint">
        {/* An answer that says how covariates were chosen comes from a server that selects the defaults by BIC. */}
        {t(card?.selection ? 'analysis.settings.hintAutomatic' : 'analysis.settings.hint', {
          defaults: defaults.length === 0 ? t('analysis.model.noCovariates') : defaults.map((name) => covariateLabel(smallArea, level, name, language)).join('; '),
        })}
      </p>
      {available.length > 0 && chosen.size === 0 && <p className="field__hint">{t('analysis.settings.chooseOne')}</p>}
      {collinear.length > 0 && card && (
        <div className="message model-collinear" data-warning="collinear">
          {collinear.map((w) => (
            <p key={w.covariate ?? w.message}>{warningText(t, w, card, smallArea, language)}</p>
          ))}
        </div>
      )}
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={busy || chosen.size === 0}>
          {t('analysis.settings.save')}
        </button>
        <button type="button" className="button button--secondary" disabled={busy} onClick={() => void save(null)}>
          {t('analysis.settings.reset')}
        </button>
      </div>
      <p role="status" className={outcome?.kind === 'success' ? 'message message--success' : 'message message--empty'}>
        {outcome?.kind === 'success' ? outcome.text : ''}
      </p>
      {outcome?.kind === 'error' && (
        <p role="alert" className="message message--error">
          {outcome.text}
        </p>
      )}
    </form>
  );
}
