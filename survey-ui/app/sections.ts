import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Role } from '../lib/api';

export type SectionKey = 'sampling' | 'questionnaires' | 'fieldwork' | 'scans' | 'analysis' | 'indicators' | 'admin';

export interface Section {
  key: SectionKey;
  path: string;
  /** Roles that see the section in the navigation; the API enforces the same rule on every request. */
  roles: readonly Role[];
  Page: LazyExoticComponent<ComponentType>;
  /** A page inside another section, reached from it (not in the navigation, which marks the parent as current). */
  parent?: SectionKey;
}

// Each section is its own chunk, so staff never download the planning or admin code.
export const sections: readonly Section[] = [
  { key: 'sampling', path: '/stichprobe', roles: ['planner', 'admin'], Page: lazy(() => import('../pages/sampling/SamplingPage')) },
  { key: 'questionnaires', path: '/fragebogen', roles: ['planner', 'admin'], Page: lazy(() => import('../pages/questionnaires/QuestionnairesPage')) },
  // Planners see the fieldwork monitor only; paper entry and reconciliation stay with staff and admin.
  { key: 'fieldwork', path: '/erhebung', roles: ['planner', 'staff', 'admin'], Page: lazy(() => import('../pages/fieldwork/FieldworkPage')) },
  { key: 'scans', path: '/erhebung/scans', roles: ['staff', 'admin'], parent: 'fieldwork', Page: lazy(() => import('../pages/fieldwork/ScanQueuePage')) },
  { key: 'analysis', path: '/auswertung', roles: ['planner', 'admin'], Page: lazy(() => import('../pages/analysis/AnalysisPage')) },
  { key: 'indicators', path: '/auswertung/kennzahlen', roles: ['planner', 'admin'], parent: 'analysis', Page: lazy(() => import('../pages/indicators/IndicatorEditorPage')) },
  { key: 'admin', path: '/verwaltung', roles: ['admin'], Page: lazy(() => import('../pages/admin/AdminPage')) },
];

export function sectionsFor(role: Role): Section[] {
  return sections.filter((section) => section.roles.includes(role) && section.parent === undefined);
}

/** Where a user lands after signing in: the first section their role may use. */
export function homePathFor(role: Role): string {
  return sectionsFor(role)[0]?.path ?? '/login';
}

export function sectionAt(path: string): Section | undefined {
  const normalised = path.length > 1 ? path.replace(/\/+$/, '') : path;
  return sections.find((section) => section.path === normalised);
}
