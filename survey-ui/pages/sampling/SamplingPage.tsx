import { SectionOverview } from '../../components/SectionOverview';

/** Stichprobe: frame import, allocation, draw and access codes (planner, admin). */
export default function SamplingPage() {
  return <SectionOverview section="sampling" steps={['frame', 'allocation', 'draw', 'codes']} />;
}
