# A starting point for production images, not a tested artefact: this project's machine has no
# Docker, so neither this file nor compose.yaml has been built or run here. What was run here is
# the same standalone server (`e2e/standalone.spec.ts`) and two instances on one database and
# engine (`server/flows/runtime/two-instances.int.test.ts`).
#
#   docker build -t ringback .                      the app (Next.js standalone server, ~node:24-slim)
#   docker build -t ringback-migrate --target build .   the full checkout, to run `npm run db:migrate`

FROM node:24-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund
COPY . .
RUN npm run db:generate && npm run build

FROM node:24-bookworm-slim AS app
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0
# server.js with only the node_modules the server needs (next.config.mjs: output "standalone"),
# plus the static assets, which `next build` leaves outside the standalone folder.
COPY --from=build --chown=node:node /app/.next/standalone ./
COPY --from=build --chown=node:node /app/.next/static ./.next/static
USER node
EXPOSE 3000
CMD ["node", "server.js"]
