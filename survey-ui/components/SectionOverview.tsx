import { useTranslation } from 'react-i18next';
import { PageTitle } from './PageTitle';

interface SectionOverviewProps {
  /** Catalogue prefix of the section, e.g. `sampling`. */
  section: 'sampling' | 'fieldwork' | 'analysis';
  /** Keys below `<section>.steps`, in working order. */
  steps: readonly string[];
}

/** Heading, purpose and the ordered work steps of a section. */
export function SectionOverview({ section, steps }: SectionOverviewProps) {
  const { t } = useTranslation();
  const stepsId = `${section}-steps`;
  return (
    <>
      <PageTitle>{t(`${section}.title`)}</PageTitle>
      <p className="lead">{t(`${section}.intro`)}</p>
      <section className="card" aria-labelledby={stepsId}>
        <h2 id={stepsId}>{t(`${section}.stepsTitle`)}</h2>
        <ol className="steps">
          {steps.map((step) => (
            <li key={step}>{t(`${section}.steps.${step}`)}</li>
          ))}
        </ol>
        <p className="muted">{t(`${section}.status`)}</p>
      </section>
    </>
  );
}
