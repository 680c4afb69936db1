#!/usr/bin/env bash
# Installs and builds everything the wasm32-wasip1-threads build needs, from registries only,
# idempotently, into a cache outside the clone. Prints `export` lines for the environment
# the build uses (see wasm/toolchain/env.sh, which sources this).
#
# What it makes (see wasm/README.md for why each piece exists):
#   $DRIFT_CACHE/wasm/<key>/wasi-sysroot   wasi-libc 2022 (Debian source) built with
#                                           THREAD_MODEL=posix + drift's pthreads (wasm/threads)
#   $DRIFT_CACHE/wasm/<key>/rust-sysroot   a rustc sysroot overlay: host std from Debian's
#                                           rustc-web, std sources, and the target's crt/libc
#   $DRIFT_CACHE/wasm/<key>/bin/rustc      Debian's rustc pinned to that sysroot
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cache="${DRIFT_CACHE:-$HOME/.cache/drift}"

# Pinned Debian versions (bookworm / bookworm-security). rustc-web and rust-web-src must match.
RUST_WEB_VERSION="1.96.0+dfsg1-1~deb12u2"
LLVM_MAJOR=22
WASI_LIBC_SRC_VERSION="0.0~git20220510.9886d3d-2"
WASI_LIBC_ORIG="wasi-libc_0.0~git20220510.9886d3d.orig.tar.xz"

log() { printf 'wasm-setup: %s\n' "$*" >&2; }
die() { printf 'wasm-setup: error: %s\n' "$*" >&2; exit 1; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_updated=0
apt_update_once() {
  if [ "$apt_updated" = 0 ]; then
    as_root apt-get update -qq >/dev/null 2>&1 || log "apt-get update reported errors (continuing)"
    apt_updated=1
  fi
}

# 1. Debian packages.
need_pkgs=()
for p in rustc-web cargo-web rust-web-src "clang-$LLVM_MAJOR" "lld-$LLVM_MAJOR" "llvm-$LLVM_MAJOR"; do
  dpkg -s "$p" >/dev/null 2>&1 || need_pkgs+=("$p")
done
if [ "${#need_pkgs[@]}" -gt 0 ]; then
  log "installing ${need_pkgs[*]}"
  apt_update_once
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_pkgs[@]}" >/dev/null
fi
have_rust="$(dpkg-query -W -f '${Version}' rustc-web)"
have_src="$(dpkg-query -W -f '${Version}' rust-web-src)"
[ "$have_rust" = "$have_src" ] || die "rustc-web ($have_rust) and rust-web-src ($have_src) differ; run: apt-get install rustc-web rust-web-src"
if [ "$have_rust" != "$RUST_WEB_VERSION" ]; then
  log "note: Debian's rustc-web moved from the pinned $RUST_WEB_VERSION to $have_rust; building with it."
  log "      If the build breaks, update RUST_WEB_VERSION in wasm/toolchain/setup.sh after checking it."
fi

key="rust-${have_rust}-llvm${LLVM_MAJOR}-$(cat "$here/setup.sh" "$here/patch-wasi-libc.mjs" "$repo/wasm/threads/pthread.c" "$repo/wasm/threads/thread_start.s" | sha256sum | cut -c1-12)"
out="$cache/wasm/$key"
if [ -f "$out/.complete" ]; then
  printf '%s\n' "$out"
  exit 0
fi
log "building the toolchain into $out"
rm -rf "$out"
mkdir -p "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# 2. wasi-libc source from Debian (bookworm's source package: the only one that can be had).
src_cache="$cache/wasm/sources"
mkdir -p "$src_cache"
if [ ! -f "$src_cache/$WASI_LIBC_ORIG" ]; then
  log "fetching wasi-libc $WASI_LIBC_SRC_VERSION source"
  list="$work/deb-src.sources"
  cat >"$list" <<'EOF'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  lists="$work/lists"; mkdir -p "$lists/partial"
  apt_opts=(-o "Dir::Etc::sourcelist=$list" -o Dir::Etc::sourceparts=- -o "Dir::State::Lists=$lists")
  apt-get "${apt_opts[@]}" update -qq >/dev/null 2>&1 || die "cannot read Debian's bookworm source index"
  (cd "$work" && apt-get "${apt_opts[@]}" source --download-only "wasi-libc=$WASI_LIBC_SRC_VERSION" >/dev/null 2>&1) \
    || die "cannot download wasi-libc=$WASI_LIBC_SRC_VERSION source from Debian"
  cp "$work/$WASI_LIBC_ORIG" "$src_cache/"
fi

# 3. Patch and build it with threads.
tar -C "$work" -xf "$src_cache/$WASI_LIBC_ORIG"
libc_src="$(echo "$work"/wasi-libc-*/)"
node "$here/patch-wasi-libc.mjs" "$libc_src" >&2
sysroot="$out/wasi-sysroot"
jobs="$(nproc 2>/dev/null || echo 2)"
log "compiling wasi-libc (THREAD_MODEL=posix)"
make -C "$libc_src" -j"$jobs" CC="clang-$LLVM_MAJOR" AR="llvm-ar-$LLVM_MAJOR" NM="llvm-nm-$LLVM_MAJOR" \
  THREAD_MODEL=posix TARGET_TRIPLE=wasm32-wasip1-threads SYSROOT="$sysroot" startup_files libc \
  >"$out/wasi-libc-build.log" 2>&1 || { tail -30 "$out/wasi-libc-build.log" >&2; die "wasi-libc build failed (log: $out/wasi-libc-build.log)"; }

# 4. Drift's thread support, compiled against the same tree's internal headers, into libc.a.
top="$libc_src/libc-top-half"
cflags=(-O2 --target=wasm32-wasip1-threads -pthread -mthread-model posix -isystem "$sysroot/include"
  -I"$top/musl/src/include" -I"$top/musl/src/internal" -I"$top/musl/arch/wasm32" -I"$top/musl/arch/generic"
  -I"$top/headers/private" -Wall -Wextra -Werror -Wno-parentheses -Wno-visibility -Wno-unused-parameter)
"clang-$LLVM_MAJOR" "${cflags[@]}" -c "$repo/wasm/threads/pthread.c" -o "$work/drift_pthread.o"
"clang-$LLVM_MAJOR" --target=wasm32-wasip1-threads -matomics -mbulk-memory -c "$repo/wasm/threads/thread_start.s" -o "$work/drift_thread_start.o"
libdir="$sysroot/lib/wasm32-wasi"
"llvm-ar-$LLVM_MAJOR" rs "$libdir/libc.a" "$work/drift_pthread.o" "$work/drift_thread_start.o"
# Libraries some crates name that this libc folds into libc.a.
for l in pthread m rt util; do "llvm-ar-$LLVM_MAJOR" crs "$libdir/lib$l.a"; done
ln -sfn wasm32-wasi "$sysroot/lib/wasm32-wasip1-threads"
ln -sfn wasm32-wasi "$sysroot/lib/wasm32-wasi-threads"

# 5. A rustc sysroot overlay: Debian's host std + std sources, and the target's crt and libc
#    where rustc and napi-build look for them (lib/rustlib/<target>/lib/self-contained).
rs="$out/rust-sysroot"
mkdir -p "$rs/lib/rustlib/src" "$rs/lib/rustlib/wasm32-wasip1-threads/lib/self-contained" "$out/bin"
ln -sfn /usr/lib/rustlib/x86_64-unknown-linux-gnu "$rs/lib/rustlib/x86_64-unknown-linux-gnu"
ln -sfn /usr/lib/rustlib/src/rust "$rs/lib/rustlib/src/rust"
[ -d /usr/lib/rustlib/etc ] && ln -sfn /usr/lib/rustlib/etc "$rs/lib/rustlib/etc"
cp "$libdir"/*.o "$libdir"/*.a "$rs/lib/rustlib/wasm32-wasip1-threads/lib/self-contained/"
cat >"$out/bin/rustc" <<EOF
#!/bin/sh
# Debian's rustc with drift's sysroot overlay (made by wasm/toolchain/setup.sh).
for a in "\$@"; do case "\$a" in --sysroot|--sysroot=*) exec /usr/bin/rustc "\$@";; esac; done
exec /usr/bin/rustc --sysroot "$rs" "\$@"
EOF
chmod +x "$out/bin/rustc"
touch "$out/.complete"
log "done"
printf '%s\n' "$out"
