import type { ClientSession, Connection } from 'mongoose';
import type { Repositories } from '../types';

/** The repositories every adapter implements in its own module; the rest are feature repositories. */
export type CoreRepositoryName = 'users' | 'sessions' | 'throttle' | 'audit' | 'meta';

/**
 * Extension point for the MongoDB adapter: feature repositories (frames, households, contacts,
 * draws, access codes, responses …) are added here, next to their own migrations in
 * ./migrations.ts, without touching the core repositories. The return type makes the compiler
 * point here as soon as `Repositories` gains a member.
 */
export function mongoFeatureRepositories(
  _conn: Connection,
  _session: ClientSession | undefined,
): Omit<Repositories, CoreRepositoryName> {
  return {};
}
