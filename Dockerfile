# syntax=docker/dockerfile:1
# Production image of the Familienbefragung: API server, CLI and the built UI.
#   docker build -t familienbefragung .
#   docker run -p 3000:3000 -v familien-data:/data --env-file .env familienbefragung
# The build stage compiles the server and the CLI to JavaScript (dist/, scripts/build.mjs); the
# runtime runs that with node alone: no TypeScript sources, no tsx, no esbuild.
#   CLI in the container: docker compose exec api node --enable-source-maps dist/cli/main.mjs --help

ARG NODE_IMAGE=node:20-slim

# --- build: all dependencies, UI bundle, compiled server and CLI, then drop the dev dependencies ---
FROM ${NODE_IMAGE} AS build
WORKDIR /app
# Compilers only for the case that no prebuilt better-sqlite3 binary fits; they stay in this stage.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# Install scripts wait for the sources (`prepare` compiles them); only the native addon and
# esbuild's binary check run now, so this layer is reused while package-lock.json is unchanged.
RUN npm ci --no-audit --no-fund --ignore-scripts && npm rebuild better-sqlite3 esbuild
COPY tsconfig.json ./
COPY scripts ./scripts
COPY api ./api
COPY sampling ./sampling
COPY analysis ./analysis
COPY survey-ui ./survey-ui
COPY fixtures/syntheticFrame.ts ./fixtures/syntheticFrame.ts
COPY fixtures/syntheticSubdistricts.ts ./fixtures/syntheticSubdistricts.ts
COPY fixtures/syntheticAreaCovariates.ts ./fixtures/syntheticAreaCovariates.ts
COPY fixtures/syntheticAreaGeometry.ts ./fixtures/syntheticAreaGeometry.ts
RUN npm run build && npm prune --omit=dev

# --- runtime: production dependencies and compiled code only, unprivileged ------------------------
FROM ${NODE_IMAGE}
ENV NODE_ENV=production \
    DATA_DIR=/data \
    PORT=3000 \
    HOST=0.0.0.0
WORKDIR /app
# package.json marks the application's folder (api/appRoot.ts); the migrations are read at run time.
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/api/store/sqlite/migrations ./api/store/sqlite/migrations
# poppler-utils: pdftoppm and pdfinfo render the pages of scanned PDFs (paper scan import).
RUN apt-get update \
 && apt-get install -y --no-install-recommends poppler-utils \
 && rm -rf /var/lib/apt/lists/*
# The image's files stay owned by root (read-only for the app); only /data is writable.
RUN mkdir -p /data /backups && chown node:node /data /backups
USER node
VOLUME ["/data"]
EXPOSE 3000
# /healthz answers without the database; the proxy uses /readyz to route traffic.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
STOPSIGNAL SIGTERM
# node runs as PID 1 without an npm or shell wrapper, so SIGTERM reaches the server's graceful shutdown.
# Source maps: stack traces in the log name the TypeScript files and lines.
CMD ["node", "--enable-source-maps", "dist/server.mjs"]
