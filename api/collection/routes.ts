import { Router } from 'express';
import { accessCodeHashSecret } from '../secrets/accessCodeHashSecret';
import type { Store } from '../store/types';
import { dispositionRoutes } from './dispositionRoutes';
import { monitorRoutes } from './monitorRoutes';
import { paperRoutes } from './paperRoutes';
import { residentRoutes } from './residentRoutes';
import { DEFAULT_CODE_POLICY, storeCodeResolver, type CodeAttemptPolicy, type CodeResolver } from './residentService';

export interface CollectionOptions {
  dataDir: string;
  /** Default: the store's roster with the installation's code secret. */
  resolver?: CodeResolver;
  policy?: CodeAttemptPolicy;
  /** Default: SURVEY_OPEN_LINK=true in the environment. */
  openLink?: boolean;
}

/** Every route of data collection: resident survey, paper entry, fieldwork monitor, returns without questionnaire. */
export function collectionRoutes(store: Store, options: CollectionOptions): Router {
  let secret: string | undefined;
  const resolver = options.resolver ?? storeCodeResolver(store, () => (secret ??= accessCodeHashSecret(options.dataDir)));
  const router = Router();
  router.use(
    residentRoutes(store, {
      resolver,
      policy: options.policy ?? DEFAULT_CODE_POLICY,
      openLink: options.openLink ?? process.env.SURVEY_OPEN_LINK === 'true',
    }),
  );
  router.use(paperRoutes(store, resolver));
  router.use(monitorRoutes(store));
  router.use(dispositionRoutes(store, resolver));
  return router;
}
