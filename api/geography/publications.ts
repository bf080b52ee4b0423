/**
 * Open results: planners publish a wave's district results for the public page (/ergebnisse) and the
 * geoportal downloads. A publication stores a snapshot — the disclosure-controlled district table of
 * resultsTable() and which boundary version the map draws — so the public sees exactly what was published,
 * whatever is computed later; publishing a wave again replaces its live publication, unpublishing removes it
 * from the public page at once. Every step is audited. The public side reads live snapshots only: nothing
 * else of the store (no microdata, no sub-district cells, no unpublished wave) is reachable through it.
 */
import { recordAudit, type Actor } from '../audit/auditLog';
import type { AnalysisService } from '../analysisWorkflow/analysisService';
import type { AnalysisRun } from '../analysisWorkflow/computeAnalysis';
import { AppError } from '../errors/appError';
import { DuplicateKeyError, type AreaFeatureCollection, type Repositories, type ResultPublication, type Store } from '../store/types';
import { currentGeometry, geometryVersion } from './geometryService';
import { resultsGeoJson, resultsTable, type ResultsTable } from './resultsTable';

/** What a publication stores and the public page shows. */
export interface PublicationSnapshot extends ResultsTable {
  geometry: { id: string; version: number; schematic: boolean } | null;
}

export interface PublicationSummary {
  id: string;
  wave: number;
  drawId: string;
  publishedAt: string;
  publishedBy: string | null;
  unpublishedAt: string | null;
  schematic: boolean | null;
}

const summary = (p: ResultPublication): PublicationSummary => ({
  id: p.id,
  wave: p.wave,
  drawId: p.drawId,
  publishedAt: p.publishedAt,
  publishedBy: p.publishedBy,
  unpublishedAt: p.unpublishedAt,
  schematic: (p.snapshot as unknown as PublicationSnapshot).geometry?.schematic ?? null,
});

/** Stores the run's district table as the wave's live publication (replacing a live one) and audits it; run inside a transaction. */
export async function createPublication(tx: Repositories, run: AnalysisRun, actor: Actor): Promise<ResultPublication> {
  const geometry = await currentGeometry(tx, 'district');
  const snapshot: PublicationSnapshot = { ...resultsTable(run, 'district'), geometry: geometry ? { id: geometry.id, version: geometry.version, schematic: geometry.schematic } : null };
  const wave = run.result.wave;
  const now = new Date().toISOString();
  for (const live of (await tx.resultPublications.listLive()).filter((p) => p.wave === wave)) await tx.resultPublications.unpublish(live.id, now, actor.id);
  let created: ResultPublication;
  try {
    created = await tx.resultPublications.create({ drawId: run.result.drawId, wave, geometryId: geometry?.id ?? null, snapshot: snapshot as unknown as Record<string, unknown>, publishedAt: now, publishedBy: actor.id });
  } catch (err) {
    if (err instanceof DuplicateKeyError) throw new AppError('conflict', 'geography.versionTaken');
    throw err;
  }
  await recordAudit(tx.audit, actor, {
    action: 'results.publish',
    entityType: 'publication',
    entityId: created.id,
    afterId: created.id,
    afterSummary: `wave ${wave} · ${snapshot.indicators.length} indicators · ${snapshot.areas.length} districts`,
    details: { wave, drawId: created.drawId, dataVersion: run.result.dataVersion, geometryId: created.geometryId },
  });
  return created;
}

/**
 * Publishes the results of a wave (its newest draw) as they are computed now.
 * @throws AppError notFound when the wave has no draw; the analysis' own errors when it cannot be computed.
 */
export async function publishWave(store: Store, service: AnalysisService, wave: number, actor: Actor): Promise<PublicationSummary> {
  const draw = (await store.draws.list()).find((d) => d.wave === wave);
  if (!draw) throw new AppError('notFound', 'geography.waveNotFound', { wave });
  const run = await service.run(draw.id);
  return summary(await store.transaction((tx) => createPublication(tx, run, actor)));
}

/** @throws AppError notFound when the publication is unknown or no longer live. */
export async function unpublishResults(store: Store, id: string, actor: Actor): Promise<PublicationSummary> {
  return summary(
    await store.transaction(async (tx) => {
      const done = await tx.resultPublications.unpublish(id, new Date().toISOString(), actor.id);
      if (!done) throw new AppError('notFound', 'geography.publicationNotFound');
      await recordAudit(tx.audit, actor, { action: 'results.unpublish', entityType: 'publication', entityId: id, beforeId: id, details: { wave: done.wave } });
      return done;
    }),
  );
}

/** Every publication, live or withdrawn, newest first (for planners). */
export async function listPublications(store: Pick<Repositories, 'resultPublications'>): Promise<PublicationSummary[]> {
  return (await store.resultPublications.list()).map(summary);
}

/** The waves the public can see, newest first. */
export async function publicWaves(store: Pick<Repositories, 'resultPublications'>): Promise<{ wave: number; publishedAt: string }[]> {
  return (await store.resultPublications.listLive()).map((p) => ({ wave: p.wave, publishedAt: p.publishedAt }));
}

/**
 * A live publication's snapshot with the boundaries it names, as the public page gets it.
 * @throws AppError notFound (`geography.notPublished`) when the wave has no live publication.
 */
export async function publishedResults(
  store: Pick<Repositories, 'resultPublications' | 'areaGeometry'>,
  wave: number,
): Promise<{ publishedAt: string; snapshot: Omit<PublicationSnapshot, 'drawId'>; geometry: AreaFeatureCollection | null }> {
  const live = (await store.resultPublications.listLive()).find((p) => p.wave === wave);
  if (!live) throw new AppError('notFound', 'geography.notPublished');
  // The internal draw id stays inside; the public sees the wave.
  const { drawId: _drawId, ...snapshot } = live.snapshot as unknown as PublicationSnapshot;
  const geometry = live.geometryId ? await geometryVersion(store, live.geometryId) : null;
  return { publishedAt: live.publishedAt, snapshot, geometry: geometry?.geojson ?? null };
}

/** The published GeoJSON for the geoportal; null when the publication has no boundaries. */
export function publishedGeoJson(published: Awaited<ReturnType<typeof publishedResults>>): AreaFeatureCollection | null {
  return published.geometry ? resultsGeoJson(published.geometry, published.snapshot, published.snapshot.geometry?.schematic === true) : null;
}
