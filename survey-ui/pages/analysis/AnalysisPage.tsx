import { SectionOverview } from '../../components/SectionOverview';

/** Auswertung: weighting, calibration and district indicators (planner, admin). */
export default function AnalysisPage() {
  return <SectionOverview section="analysis" steps={['weights', 'indicators', 'export']} />;
}
