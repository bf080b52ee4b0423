import { join, resolve } from 'node:path';
import { z } from 'zod';
import { appRoot } from './appRoot';

/** Everything the server reads from the environment; documented in .env.example. */
export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  mongodbUri: string | undefined;
  /** A session ends after this many minutes without a request. */
  sessionIdleMinutes: number;
  /** Passed to Express 'trust proxy': false, true, a hop count or a list of proxy addresses. */
  trustProxy: boolean | number | string;
  logLevel: string;
  publicBaseUrl: string | undefined;
  /** Built UI (vite output); served with SPA fallback when present. */
  uiDir: string;
  login: {
    maxFailuresPerUser: number;
    maxFailuresPerIp: number;
    windowMinutes: number;
    lockMinutes: number;
  };
}

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  MONGODB_URI: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://').optional(),
  SESSION_IDLE_MINUTES: positiveInt(30),
  TRUST_PROXY: z.string().default('false'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PUBLIC_BASE_URL: z.url().optional(),
  UI_DIR: z.string().min(1).optional(),
  LOGIN_MAX_FAILURES_PER_USER: positiveInt(10),
  LOGIN_MAX_FAILURES_PER_IP: positiveInt(100),
  LOGIN_WINDOW_MINUTES: positiveInt(15),
  LOGIN_LOCK_MINUTES: positiveInt(15),
});

function parseTrustProxy(value: string): boolean | number | string {
  if (value === 'true') return true;
  if (value === 'false' || value === '') return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value; // e.g. 'loopback' or '10.0.0.0/8, 192.168.0.1'
}

/**
 * Reads the configuration; empty strings count as unset so a copied .env.example works as is.
 * @throws Error naming every invalid variable.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.DATA_DIR),
    mongodbUri: e.MONGODB_URI,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    logLevel: e.LOG_LEVEL,
    publicBaseUrl: e.PUBLIC_BASE_URL,
    uiDir: e.UI_DIR ? resolve(e.UI_DIR) : join(appRoot, 'dist', 'ui'),
    login: {
      maxFailuresPerUser: e.LOGIN_MAX_FAILURES_PER_USER,
      maxFailuresPerIp: e.LOGIN_MAX_FAILURES_PER_IP,
      windowMinutes: e.LOGIN_WINDOW_MINUTES,
      lockMinutes: e.LOGIN_LOCK_MINUTES,
    },
  };
}
