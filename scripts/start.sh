#!/usr/bin/env bash
# Builds what the playground needs (the wasm engine, the web app) and serves the production
# build with cross-origin isolation (COOP/COEP), printing its URL.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$repo"
ensure_npm
build_wasm
step "Vite production build"
npm run --silent -w @drift/web build
port="${PORT:-5173}"
step "serving the playground"
echo "Drift playground: http://127.0.0.1:$port/" >&2
exec npx vite preview --host 127.0.0.1 --port "$port" --strictPort
