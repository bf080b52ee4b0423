import { existsSync } from 'node:fs';
import { join } from 'node:path';
import cookieParser from 'cookie-parser';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { AppConfig } from './config';
import type { Logger } from './logger';
import { requestLog } from './http/requestLog';
import { errorHandler, notFoundHandler } from './http/errorHandler';
import { adminAuditRoutes } from './http/routes/adminAudit';
import { adminUserRoutes } from './http/routes/adminUsers';
import { authRoutes } from './http/routes/auth';
import { healthRoutes } from './http/routes/health';
import { SessionManager } from './http/sessions';
import { samplingRoutes } from './samplingWorkflow/routes';
import { analysisRoutes } from './analysisWorkflow/routes';
import { covariateRoutes } from './analysisWorkflow/covariateRoutes';
import { geographyRoutes } from './geography/routes';
import { indicatorRoutes } from './analysisWorkflow/indicatorRoutes';
import { questionnaireRoutes } from './questionnaire/routes';
import { collectionRoutes } from './collection/routes';
import { paperFormRoutes } from './paper/paperFormRoutes';
import { scanRoutes } from './paper/scanRoutes';
import type { Store } from './store/types';
import siteConfig from '../survey-ui/site.config.json';

export interface AppDependencies {
  store: Store;
  logger: Logger;
  config: AppConfig;
}

/**
 * Content Security Policy: only our own origin. SurveyJS injects <style> elements at run time,
 * hence 'unsafe-inline' for styles only; scripts stay strictly 'self' (no inline scripts).
 */
function securityHeaders(config: AppConfig) {
  const tls = config.trustProxy !== false;
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        // Only behind TLS: on plain-HTTP local installs the upgrade would break every request.
        ...(tls ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: tls ? { maxAge: 31_536_000 } : false,
    referrerPolicy: { policy: 'no-referrer' },
  });
}

/** City and survey address for the default invitation letter. */
function samplingLetterDefaults(config: AppConfig) {
  return { cityName: siteConfig.cityName, surveyBaseUrl: config.publicBaseUrl ?? `http://localhost:${config.port || 3000}` };
}

/** Builds the HTTP application; opening the store and listening is the caller's job (server.ts, startTestServer). */
export function createApp({ store, logger, config }: AppDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);

  app.use(requestLog(logger, { ignore: (url) => url === '/healthz' || url === '/readyz' }));
  app.use(securityHeaders(config));

  const sessions = new SessionManager(store, config.sessionIdleMinutes);
  app.use(healthRoutes(store));
  app.use('/api', express.json({ limit: '1mb' }), cookieParser(), sessions.load());
  app.use(authRoutes(store, sessions, config.login));
  app.use(adminUserRoutes(store));
  app.use(adminAuditRoutes(store));
  app.use(samplingRoutes(store, { dataDir: config.dataDir, letters: samplingLetterDefaults(config) }));
  app.use(analysisRoutes(store));
  app.use(covariateRoutes(store));
  app.use(geographyRoutes(store));
  app.use(indicatorRoutes(store));
  app.use(questionnaireRoutes(store));
  app.use(collectionRoutes(store, { dataDir: config.dataDir }));
  app.use(paperFormRoutes(store));
  app.use(scanRoutes(store, { uploadDir: join(config.dataDir, 'scan-uploads') }));
  app.use('/api', notFoundHandler);

  if (existsSync(join(config.uiDir, 'index.html'))) {
    app.use(express.static(config.uiDir, { index: false, maxAge: '1h' }));
    // The QR code on the invitation letter points to /t/<code>: the resident page, not the staff app.
    app.get(/^\/t(\/.*)?$/, (_req, res) => {
      res.set('Cache-Control', 'no-cache');
      res.sendFile(join(config.uiDir, 'teilnahme.html'));
    });
    // Client-side routing: any other GET that is not an API call gets the app shell.
    app.get(/.*/, (_req, res) => {
      res.set('Cache-Control', 'no-cache');
      res.sendFile(join(config.uiDir, 'index.html'));
    });
  }
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
