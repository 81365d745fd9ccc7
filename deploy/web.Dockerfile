# syntax=docker/dockerfile:1
# The staff web app (src/Liyaqa.Web) as a container image: Next.js' standalone server on port 3000.
# docker compose builds it (deploy/docker-compose.yml, service frontend); by hand, from the repository root:
#   docker build -f deploy/web.Dockerfile -t liyaqa-frontend .
# deploy/web.Dockerfile.dockerignore keeps everything but the web app's sources out of the context.

FROM node:20-bookworm-slim AS build
WORKDIR /web
ENV NEXT_TELEMETRY_DISABLED=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
# Packages first, exactly as the lock file says, so a code change does not fetch them again.
COPY src/Liyaqa.Web/package.json src/Liyaqa.Web/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY src/Liyaqa.Web/ ./
RUN NEXT_OUTPUT=standalone npm run build

FROM node:20-bookworm-slim AS final
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0
COPY --from=build --chown=node:node /web/.next/standalone ./
COPY --from=build --chown=node:node /web/.next/static ./.next/static
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=4 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:3000/healthz').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "server.js"]
