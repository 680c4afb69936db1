#!/usr/bin/env bash
# Builds the benchmark corpora from registry packages only (Debian and npm), pinned, into
# $DRIFT_CACHE/corpus: `10k/` (about 10,000 files across the 10 languages) and `100k/`
# (about 100,000). Idempotent: a finished corpus is kept. Prints the corpus directory.
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"

corpus="$DRIFT_CACHE/corpus"
sources="$corpus/sources"
# Bumping a version here rebuilds everything.
debs=(
  golang-1.19-src=1.19.8-2
  python3-django=3:3.2.25-0+deb12u7
  libruby3.1=3.1.7+really3.1.2-0+deb12u1
  mediawiki=1:1.39.17-1+deb12u2
  openjdk-17-source=17.0.21.1+2-1~deb12u1
  rust-web-src=1.96.0+dfsg1-1~deb12u2
  libpython3.11-stdlib=3.11.2-6+deb12u9
)
npms=(
  typescript@5.9.3
  three@0.187.0
  rxjs@7.8.2
  effect@4.1.0
  react-native@0.88.1
  expo-modules-core@58.1.0
  react-native-windows@0.84.0
  # Older releases were written in C#; few other registry packages carry C# sources.
  react-native-windows@0.57.1
)
# C# of the Python.NET runtime, from its PyPI source distribution.
pypis=(pythonnet==3.0.5)
key="$(printf '%s\n' "${debs[@]}" "${npms[@]}" "${pypis[@]}" "$(cat "$repo/bench/select.py")" | sha256sum | cut -c1-12)"
if [ -f "$corpus/.done-$key" ]; then echo "$corpus"; exit 0; fi

rm -rf "$corpus" && mkdir -p "$sources/deb" "$sources/npm" "$corpus/downloads"
cd "$corpus/downloads"
for spec in "${debs[@]}"; do
  name="${spec%%=*}"
  step "corpus: Debian package $spec"
  if ! apt-get download -qq "$spec" >&2; then
    echo "bench/corpus.sh: $spec is not available from apt any more; update the pinned version in bench/corpus.sh" >&2
    exit 1
  fi
  dpkg-deb -x "$(ls "${name}"_*.deb | head -1)" "$sources/deb/$name"
done
# The JDK sources ship as one zip.
src_zip="$(find "$sources/deb/openjdk-17-source" -name src.zip | head -1)"
python3 -m zipfile -e "$src_zip" "$sources/deb/openjdk-17-source/unpacked" && rm "$src_zip"
for spec in "${npms[@]}"; do
  step "corpus: npm package $spec"
  tarball="$(npm pack --silent "$spec" 2>/dev/null | tail -1)"
  mkdir -p "$sources/npm/$spec"
  tar -xzf "$tarball" -C "$sources/npm/$spec" --strip-components=1
done
for spec in "${pypis[@]}"; do
  step "corpus: PyPI source distribution $spec"
  python3 -m pip download -q --no-deps --no-binary :all: "$spec" -d "$corpus/downloads/pypi" >&2
  mkdir -p "$sources/pypi/$spec"
  tar -xzf "$corpus/downloads/pypi/"*.tar.gz -C "$sources/pypi/$spec" --strip-components=1
done
step "corpus: selecting files"
python3 "$repo/bench/select.py" "$sources" "$corpus"
touch "$corpus/.done-$key"
echo "$corpus"
