import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../i18n';
import './texts';
import '../styles/base.css';
// The font-less SurveyJS stylesheet: a static file from our own origin (CSP style-src 'self'),
// system fonts instead of a web font download.
import 'survey-core/survey-core.fontless.min.css';
import './resident.css';
import { ResidentPage } from './ResidentPage';

// Deliberately imports nothing from app/ or pages/: residents download only this bundle.
const container = document.getElementById('root');
if (!container) throw new Error('teilnahme.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <ResidentPage />
  </StrictMode>,
);
