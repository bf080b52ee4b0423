import { installationSecret } from './installationSecret';

/** Smallest accepted PANEL_ID_KEY (bytes); the library needs 16, a secret key should have 32. */
export const MIN_PANEL_KEY_BYTES = 32;

/**
 * The office's panel key that panel ids are derived with (HMAC of the register number,
 * sampling/panelId.ts): PANEL_ID_KEY when set, otherwise a random per-installation key kept in
 * `<DATA_DIR>/panel-id-key` (mode 0600), so panel ids stay the same across restarts. Losing the key
 * breaks the link between waves: back it up with the data directory.
 * @throws RangeError when PANEL_ID_KEY is set but shorter than 32 bytes.
 */
export function panelIdKey(dataDir: string, env: Record<string, string | undefined> = process.env): string {
  return installationSecret(dataDir, { envName: 'PANEL_ID_KEY', fileName: 'panel-id-key', minBytes: MIN_PANEL_KEY_BYTES, env });
}
