# Bryggan: build the TypeScript once, then run the compiled server on a slim image with
# production dependencies only. Configuration comes from the environment (see README.md).

FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY migrations ./migrations
RUN npm run build

FROM node:20-slim
# MALLOC_ARENA_MAX as npm start sets it (README, Performance: memory): two malloc arenas, not eight per core.
ENV NODE_ENV=production \
    MALLOC_ARENA_MAX=2 \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/app/data
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# Read at run time from the project root (the folder holding package.json).
COPY views ./views
COPY static ./static
# The embedded database lives here when DATABASE_URL is unset; mount a volume to keep it.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node itself is PID 1 and receives SIGTERM: the server finishes requests in flight and closes the database.
# --max-semi-space-size=4 --heap-growing-percent=20: the same flags as `npm start` (README, Performance: memory); test/core/node-options.test.ts checks.
CMD ["node", "--max-semi-space-size=4", "--heap-growing-percent=20", "dist/src/server.js"]
