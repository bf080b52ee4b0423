import { useTranslation } from 'react-i18next';

type Direction = 'need' | 'context';

/** The planner says whether a higher share means more need or only describes the families. */
export function DirectionChoice({ value, onChange }: { value: Direction; onChange: (direction: Direction) => void }) {
  const { t } = useTranslation();
  return (
    <fieldset className="indicator-part">
      <legend>{t('indicators.direction')}</legend>
      {(['need', 'context'] as const).map((d) => (
        <div className="indicator-choice" key={d}>
          <input type="radio" id={`direction-${d}`} name="direction" value={d} checked={value === d} onChange={() => onChange(d)} />
          <label htmlFor={`direction-${d}`}>{t(`indicators.${d}`)}</label>
        </div>
      ))}
    </fieldset>
  );
}
