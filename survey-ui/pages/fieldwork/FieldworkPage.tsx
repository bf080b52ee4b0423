import { SectionOverview } from '../../components/SectionOverview';

/** Erhebung: response monitoring, paper entry and reminders (staff, admin). */
export default function FieldworkPage() {
  return <SectionOverview section="fieldwork" steps={['returns', 'paper', 'reminders']} />;
}
