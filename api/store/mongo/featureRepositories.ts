import type { ClientSession, Connection } from 'mongoose';
import type { Repositories } from '../types';
import { mongoSamplingRepositories, samplingModels } from './samplingRepositories';
import { collectionModels, mongoCollectionRepositories } from './collectionRepositories';
import { dispositionModels, mongoDispositionRepositories } from './dispositionRepositories';
import { areaCovariateModels, mongoAreaCovariateRepositories } from './areaCovariateRepositories';
import { indicatorDefinitionModels, mongoIndicatorDefinitionRepositories } from './indicatorDefinitionRepositories';
import { geographyModels, mongoGeographyRepositories } from './geographyRepositories';
import { mongoPaperFormRepositories, paperFormModels } from './paperFormRepositories';
import { mongoScanRepositories, scanModels } from './scanRepositories';

/** The repositories every adapter implements in its own module; the rest are feature repositories. */
export type CoreRepositoryName = 'users' | 'sessions' | 'throttle' | 'audit' | 'meta';

/** Compiled once per connection (mongoose refuses to compile a model name twice). */
export function mongoFeatureModels(conn: Connection) {
  return { sampling: samplingModels(conn), collection: collectionModels(conn), dispositions: dispositionModels(conn), areaCovariates: areaCovariateModels(conn), indicatorDefinitions: indicatorDefinitionModels(conn), geography: geographyModels(conn), paperForms: paperFormModels(conn), scans: scanModels(conn) };
}
export type MongoFeatureModels = ReturnType<typeof mongoFeatureModels>;

/**
 * Extension point of the MongoDB adapter: each feature (sampling, collection …) adds its
 * repositories here and its indexes as a migration in ./migrations.ts, without touching the core
 * repositories. The return type makes the compiler point here as soon as `Repositories` grows.
 */
export function mongoFeatureRepositories(models: MongoFeatureModels, session: ClientSession | undefined): Omit<Repositories, CoreRepositoryName> {
  return {
    ...mongoSamplingRepositories(models.sampling, session),
    ...mongoCollectionRepositories(models.collection, models.sampling, session),
    ...mongoDispositionRepositories(models.dispositions, session),
    ...mongoAreaCovariateRepositories(models.areaCovariates, session),
    ...mongoIndicatorDefinitionRepositories(models.indicatorDefinitions, session),
    ...mongoGeographyRepositories(models.geography, session),
    ...mongoPaperFormRepositories(models.paperForms, session),
    ...mongoScanRepositories(models.scans, session),
  };
}
