import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../i18n';
import '../styles/base.css';
import { ResidentPage } from './ResidentPage';

// Deliberately imports nothing from app/ or pages/: residents download only this small bundle.
const container = document.getElementById('root');
if (!container) throw new Error('teilnahme.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <ResidentPage />
  </StrictMode>,
);
