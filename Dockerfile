# syntax=docker/dockerfile:1
# check=error=true
#
# fromlab's own image: builds the static site and serves dist/ with nginx from
# a small, non-root image. It practises what the lessons teach: the toolchain
# (Rust, Trunk, Node) lives in a build stage and never ships; the final stage
# is a slim, pinned, official base that runs as an unprivileged user, with
# exec-form commands and a health check that needs no extra tools.
#
#   docker build -t fromlab .
#   docker run --rm -p 8080:8080 fromlab     # then open http://127.0.0.1:8080/
#
# `fromlab check Dockerfile` reports one note, and it is deliberate:
# - unpinned-digest (info): pin the digest your registry resolves for the
#   final base when you deploy, for example with
#   `docker buildx imagetools inspect nginx:1.31-alpine3.24-slim`, and write
#   it as `FROM nginx:1.31-alpine3.24-slim@sha256:<digest>`. This repository's
#   CI cannot reach a registry to record a real digest, and a made-up one
#   would break the build. A test keeps this file free of warnings and checks
#   that every note it raises is explained here.

# ---- build: everything needed to compile the site; none of it ships --------
FROM rust:1.95-slim-trixie AS build
# Node and npm run wasm-opt (the npm package binaryen); certificates reach crates.io.
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates nodejs npm \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# wasm-bindgen's command-line tool must match the library in Cargo.lock exactly.
COPY Cargo.lock ./
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    rustup target add wasm32-unknown-unknown \
 && cargo install trunk --version 0.21.14 --locked \
 && cargo install wasm-bindgen-cli --version "$(sed -n '/^name = "wasm-bindgen"$/{n;s/^version = "\(.*\)"$/\1/p;}' Cargo.lock)"
COPY tools/package.json tools/package-lock.json tools/
RUN npm ci --prefix tools --no-audit --no-fund
COPY . .
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/src/target \
    PATH="/src/tools/node_modules/.bin:$PATH" trunk build --release --offline

# ---- final: nginx and the built files, as an unprivileged user ---------------
FROM nginx:1.31-alpine3.24-slim
COPY deploy/nginx.conf /etc/nginx/nginx.conf
COPY --from=build /src/dist /usr/share/nginx/html
# The official image's `nginx` user (uid 101); the configuration keeps its pid
# and temporary files in /tmp and listens on an unprivileged port.
USER 101
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s CMD ["wget", "-q", "--spider", "http://127.0.0.1:8080/"]
CMD ["nginx", "-g", "daemon off;"]
