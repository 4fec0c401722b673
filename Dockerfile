# The API: on the embedded SQLite store by default, its data file in /data (mount a volume there);
# with LIAISON_STORE=esdb and EVENTSTORE_CONNECTION_STRING on an EventStoreDB/KurrentDB cluster.
# Node 24 (LTS), as package.json's engines and .nvmrc say. better-sqlite3 carries its binary, so the
# build needs no compiler.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY apps apps
COPY libs libs
COPY bench bench
RUN npm run build && npm prune --omit=dev

FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4000 LIAISON_DB=/data/liaison.db
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY package.json ./
COPY sample sample
# The server runs as the image's unprivileged `node` user, owning only its data directory.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 4000
CMD ["node", "dist/apps/api/src/main.js"]
