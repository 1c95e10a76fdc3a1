# One image for every Koers process: the worker (`npm run worker`), the API (`npm run api`) and the
# one-shot migration (`npx prisma migrate deploy`). docker-compose.yml picks the command.
# TypeScript runs through tsx, as in development, so there is no separate build step.
FROM node:20-bookworm-slim

# ca-certificates: TLS to a managed PostgreSQL or Temporal Cloud. openssl: the Prisma CLI probes
# for it and warns when it is missing (the Rust-free client itself does not need it).
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates openssl \
 && rm -rf /var/lib/apt/lists/*

# Run as the image's unprivileged `node` user; it owns /app so that `npm ci` can write there.
# (COPY --chown instead of a later `chown -R`, which would copy node_modules into a second layer.)
WORKDIR /app
RUN chown node:node /app
USER node
ENV NPM_CONFIG_UPDATE_NOTIFIER=false
# `npm run worker` runs its script through a shell. Debian's sh (dash) forks it and dies on
# SIGTERM without passing it on, so `docker stop` would kill the worker mid-task; bash execs the
# script's single command, so SIGTERM reaches tsx, which passes it to the process (tried locally).
ENV NPM_CONFIG_SCRIPT_SHELL=/bin/bash

# Dependencies first, so that a code change does not reinstall them. `npm ci` runs the postinstall
# script (`prisma generate`), which reads prisma.config.ts and prisma/schema.prisma: copy those too.
# prisma generate wants a postgresql:// DATABASE_URL but never connects: package.json supplies a
# placeholder when none is set, so no real URL is baked into the image.
# Dev dependencies stay: devtools/temporal-dev-server.ts (used by `npm start`) imports
# @temporalio/testing. (NODE_ENV is set only after this step: NODE_ENV=production would make
# `npm ci` leave them out.)
COPY --chown=node:node package.json package-lock.json prisma.config.ts ./
COPY --chown=node:node prisma ./prisma
RUN npm ci && npm cache clean --force

COPY --chown=node:node . .

ENV NODE_ENV=production
EXPOSE 3000

# docker-compose.yml gives each service its own command.
CMD ["npm", "run", "api"]
