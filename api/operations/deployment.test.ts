/**
 * The deployment files cannot run on the development machines (no container runtime, no MongoDB),
 * so they are checked statically: compose.yaml parsed as YAML, the Dockerfile read line by line,
 * the build stage compared with the sources the server and the CLI are compiled from, and the
 * runtime image with what the compiled code imports.
 */
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { join } from 'node:path';
import { expect } from 'chai';
import { build, type Metafile } from 'esbuild';
import { esbuildOptions } from '../../scripts/build.mjs';
import { repoRoot } from '../testing/compiledApp';

const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };
const read = (path: string) => readFileSync(join(repoRoot, path), 'utf8');

interface Service {
  image?: string;
  build?: string;
  command?: string[];
  deploy?: { replicas?: number };
  environment?: Record<string, string>;
  volumes?: string[];
  ports?: string[];
  depends_on?: Record<string, { condition: string }> | string[];
  healthcheck?: { test: string[] };
  networks?: string[];
}
interface Compose {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
  networks: Record<string, { internal?: boolean } | null>;
}

/** FROM stages of the Dockerfile with their instruction lines (continuations joined). */
function dockerStages(text: string): { from: string; lines: string[] }[] {
  const logical = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  const args = Object.fromEntries(logical.filter((l) => l.startsWith('ARG ')).map((l) => l.slice(4).split('=') as [string, string]));
  const stages: { from: string; lines: string[] }[] = [];
  for (const line of logical) {
    if (line.startsWith('FROM ')) stages.push({ from: line.slice(5).replace(/\$\{(\w+)\}/g, (_, n: string) => args[n] ?? ''), lines: [] });
    else stages[stages.length - 1]?.lines.push(line);
  }
  return stages;
}

/** .dockerignore semantics for the simple patterns we use: last matching line wins, `!` re-includes. */
function dockerIgnored(path: string): boolean {
  const rules = read('.dockerignore')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  let ignored = false;
  for (const rule of rules) {
    const negate = rule.startsWith('!');
    const pattern = (negate ? rule.slice(1) : rule).replace(/^\//, '');
    const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*\//g, '\0').replace(/\*/g, '[^/]*').replace(/\0/g, '(.*/)?')}(/.*)?$`);
    if (re.test(path)) ignored = !negate;
  }
  return ignored;
}

/** The bundles as scripts/build.mjs makes them, in memory: which sources go in, which packages they import. Built once per run. */
let bundles: Promise<Metafile> | undefined;
function compiledBundles(): Promise<Metafile> {
  bundles ??= build({ ...esbuildOptions(repoRoot), write: false, logLevel: 'silent' }).then((result) => result.metafile);
  return bundles;
}

/** Test support by its name: a `testing/` or `test/` folder, a test file or a resilience run. */
const isTestSupport = (path: string) => /(^|\/)(testing|test)\//.test(path) || /\.(test|resilience)\.tsx?$/.test(path);

/** `csv-stringify/sync` → `csv-stringify`, `@scope/pkg/x` → `@scope/pkg`. */
const packageName = (specifier: string) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

describe('deployment files', () => {
  const compose = yaml.load(read('compose.yaml')) as Compose;
  const stages = dockerStages(read('Dockerfile'));
  const runtime = stages[stages.length - 1]!;
  const copiedToRuntime = runtime.lines.filter((l) => l.startsWith('COPY --from=build')).flatMap((l) => l.split(/\s+/).slice(2, -1).map((p) => p.replace(/^\/app\//, '')));
  const packageJson = JSON.parse(read('package.json')) as { scripts: Record<string, string>; dependencies: Record<string, string>; devDependencies: Record<string, string> };

  it('compose: two API replicas on a three-member MongoDB replica set formed by a one-shot init', () => {
    const api = compose.services.api!;
    expect(api.deploy?.replicas).to.equal(2);
    expect(api.build).to.equal('.');
    const uri = api.environment!.MONGODB_URI!;
    expect(uri).to.match(/^mongodb:\/\/mongo1:27017,mongo2:27017,mongo3:27017\/\w+\?replicaSet=rs0$/);
    for (const name of ['mongo1', 'mongo2', 'mongo3']) {
      const m = compose.services[name]!;
      expect(m.command, name).to.deep.equal(['mongod', '--replSet', 'rs0', '--bind_ip_all']);
      expect(m.healthcheck?.test.join(' ')).to.contain('ping');
      expect(m.networks).to.deep.equal(['backend']);
    }
    const dataVolumes = ['mongo1', 'mongo2', 'mongo3'].map((n) => compose.services[n]!.volumes![0]!.split(':')[0]);
    expect(new Set(dataVolumes).size, 'each member has its own data volume').to.equal(3);
    const init = read('deploy/mongo-init-replica-set.js');
    for (const host of ['mongo1:27017', 'mongo2:27017', 'mongo3:27017']) expect(init).to.contain(host);
    expect(init).to.contain("_id: 'rs0'");
    expect(api.depends_on).to.deep.equal({ 'mongo-init': { condition: 'service_completed_successfully' } });
    expect(compose.networks.backend).to.deep.equal({ internal: true });
    // Every replica needs the same code secret, or codes printed by one would fail on the other.
    expect(api.environment!.CODE_HMAC_SECRET).to.match(/^\$\{CODE_HMAC_SECRET:\?/);
    expect(api.environment!.PANEL_ID_KEY).to.match(/^\$\{PANEL_ID_KEY:\?/);
    expect(api.environment!.TRUST_PROXY).to.equal('1');
  });

  it('compose: Caddy terminates TLS on 443 and balances over the API replicas on the port the image listens on', () => {
    const proxy = compose.services.proxy!;
    expect(proxy.image).to.match(/^caddy:2/);
    expect(proxy.ports).to.include('443:443');
    expect(proxy.volumes).to.include('./deploy/Caddyfile:/etc/caddy/Caddyfile:ro');
    const caddy = read('deploy/Caddyfile');
    const port = /PORT=(\d+)/.exec(runtime.lines.find((l) => l.startsWith('ENV '))!)![1];
    expect(caddy).to.match(new RegExp(`dynamic a api ${port}\\b`));
    expect(caddy).to.contain('{$SITE_ADDRESS}');
    // A frame import's upload preview and job live on the replica that received them.
    expect(caddy).to.match(/^\s*lb_policy cookie\b/m);
    expect(compose.services.api!.networks).to.include('frontend');
    expect(proxy.networks).to.deep.equal(['frontend']);
  });

  it('compose: every named volume is declared and every bind-mounted file exists', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      for (const v of service.volumes ?? []) {
        const source = v.split(':')[0]!;
        if (source.startsWith('./')) expect(existsSync(join(repoRoot, source)), `${name}: ${source}`).to.equal(true);
        else expect(compose.volumes, `${name}: volume ${source}`).to.have.property(source);
      }
    }
  });

  it('Dockerfile: multi-stage on node:20-slim, compiled in the build stage, dev dependencies pruned, non-root user, health check on /healthz', () => {
    expect(stages.map((s) => s.from)).to.deep.equal(['node:20-slim AS build', 'node:20-slim']);
    expect(stages[0]!.lines).to.include('RUN npm run build && npm prune --omit=dev');
    expect(packageJson.scripts.build).to.contain('build:ui').and.contain('build:api');
    // `npm ci` runs `prepare` (the compile), which needs the sources: before they are copied it must not run.
    const install = stages[0]!.lines.findIndex((l) => l.startsWith('RUN npm ci'));
    const firstSource = stages[0]!.lines.findIndex((l) => l.startsWith('COPY api '));
    expect(install).to.be.within(0, firstSource);
    if (packageJson.scripts.prepare) expect(stages[0]!.lines[install]).to.contain('--ignore-scripts').and.contain('npm rebuild better-sqlite3');
    const user = runtime.lines.filter((l) => l.startsWith('USER '));
    expect(user).to.deep.equal(['USER node']);
    expect(runtime.lines.findIndex((l) => l.startsWith('USER '))).to.be.greaterThan(runtime.lines.findIndex((l) => l.startsWith('RUN ')));
    const health = runtime.lines.find((l) => l.startsWith('HEALTHCHECK '))!;
    expect(health).to.contain('/healthz');
    expect(read('api/app.ts')).to.contain("'/healthz'");
    expect(runtime.lines.some((l) => l.startsWith('ADD '))).to.equal(false);
  });

  it('Dockerfile: the runtime runs the compiled server with node alone (no tsx), with source maps', () => {
    expect(runtime.lines).to.include('CMD ["node", "--enable-source-maps", "dist/server.mjs"]');
    expect(runtime.lines.filter((l) => /\btsx\b|\.ts\b/.test(l))).to.deep.equal([]);
    expect(copiedToRuntime).to.include('dist');
    expect(packageJson.dependencies, 'tsx compiles nothing at run time').not.to.have.property('tsx');
    expect(packageJson.devDependencies).to.have.property('tsx');
  });

  it('Dockerfile: every COPY source exists and is not excluded by .dockerignore', () => {
    const sources = stages[0]!.lines
      .filter((l) => l.startsWith('COPY ') && !l.includes('--from'))
      .flatMap((l) => l.slice(5).split(/\s+/).slice(0, -1));
    expect(sources).to.include('api').and.include('scripts');
    for (const s of sources) {
      expect(existsSync(join(repoRoot, s)), s).to.equal(true);
      expect(dockerIgnored(s), `${s} is excluded by .dockerignore`).to.equal(false);
    }
    expect(dockerIgnored('api/store/sqlite/migrations/001_initial.sql')).to.equal(false);
    expect(dockerIgnored('api/server.test.ts')).to.equal(true);
    expect(dockerIgnored('.env')).to.equal(true);
    expect(dockerIgnored('fixtures/r/sampling/x.R')).to.equal(true);
    expect(dockerIgnored('dist/server.mjs'), 'dist/ is built in the image, never sent from the host').to.equal(true);
  });

  it('the build stage holds every source file the server and the CLI commands are compiled from', async function () {
    this.timeout(60_000);
    const { inputs } = await compiledBundles();
    const copied = stages[0]!.lines.filter((l) => l.startsWith('COPY ') && !l.includes('--from')).flatMap((l) => l.slice(5).split(/\s+/).slice(0, -1));
    const missing = Object.keys(inputs).filter((input) => !copied.some((c) => input === c || input.startsWith(`${c}/`)) || dockerIgnored(input));
    expect(missing).to.deep.equal([]);
    expect(Object.keys(inputs)).to.include('fixtures/syntheticFrame.ts'); // the demo seed's frame is compiled in
  });

  it('the server and the CLI commands import no test support, and test support stays out of the image', async function () {
    this.timeout(60_000);
    const { inputs } = await compiledBundles();
    const entries = Object.keys(inputs).filter((input) => input === 'api/server.ts' || input.startsWith('api/cli/commands/'));
    expect(entries, 'the entry points are in the bundles').to.include('api/server.ts');
    const leaked = Object.keys(inputs).filter(isTestSupport);
    // Name the chain that pulls the first leaked module in, so the fix is obvious.
    const importer = (path: string) => Object.entries(inputs).find(([, input]) => input.imports.some((i) => i.path === path))?.[0];
    const chain = (path: string): string[] => {
      const seen: string[] = [path];
      for (let from = importer(path); from && !seen.includes(from); from = importer(from)) seen.push(from);
      return seen.reverse();
    };
    expect(leaked, leaked.length ? `imported via ${chain(leaked[0]!).join(' → ')}` : '').to.deep.equal([]);
    for (const support of ['api/testing/apiClient.ts', 'api/security/testing/httpFuzz.ts', 'api/store/testing/contractAdapters.ts', 'api/codes/testing/checkVectors.ts', 'api/resilience/concurrency.resilience.ts', 'api/store/contract.test.ts']) {
      expect(isTestSupport(support), support).to.equal(true);
      expect(dockerIgnored(support), `${support} is sent to the image build`).to.equal(true);
    }
  });

  it('the runtime image holds what the compiled code loads: production packages, the migrations, package.json', async function () {
    this.timeout(60_000);
    const { outputs } = await compiledBundles();
    const imported = new Set(
      Object.values(outputs).flatMap((o) => o.imports.filter((i) => i.external && !i.path.startsWith('node:') && !builtinModules.includes(i.path)).map((i) => packageName(i.path))),
    );
    expect([...imported], 'the bundles import these packages').to.include('better-sqlite3').and.include('express');
    // `npm prune --omit=dev` keeps only dependencies: every package the bundles import must be one.
    expect([...imported].filter((name) => !(name in packageJson.dependencies))).to.deep.equal([]);
    expect(copiedToRuntime).to.include('node_modules').and.include('package.json'); // api/appRoot.ts looks for package.json
    // Read from the file system at run time rather than compiled in (api/store/sqlite/migrate.ts).
    expect(copiedToRuntime).to.include('api/store/sqlite/migrations');
  });

  it('.env.example documents every variable the deployment and the operations read', () => {
    const documented = new Set(read('.env.example').split('\n').map((l) => /^([A-Z_]+)=/.exec(l)?.[1]).filter(Boolean));
    for (const name of ['SITE_ADDRESS', 'CODE_HMAC_SECRET', 'PANEL_ID_KEY', 'BACKUP_ENCRYPTION_KEY', 'RETENTION_CONTACTS_DAYS_AFTER_FIELDWORK', 'RETENTION_ANSWERS_YEARS', 'MONGODB_URI', 'TRUST_PROXY', 'PUBLIC_BASE_URL', 'DATA_DIR']) {
      expect(documented.has(name), name).to.equal(true);
    }
  });
});
