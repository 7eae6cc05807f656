#!/usr/bin/env bash
# Puts the Silero VAD model on the classpath at build time: silero-model.sh VERSION SHA256 TARGET_DIR
# The model (MIT licensed) ships inside LiveKit's npm package @livekit/agents-plugin-silero as
# package/dist/silero_vad.onnx; npm fetches it from its default registry, or from npm's own cache,
# so offline builds work once it has been fetched. A model already in place is only re-verified.
set -euo pipefail
version=$1 expected=$2 target=$3
model="$target/classes/vad/silero_vad.onnx"

verify() { # file -> fails the build when its SHA-256 is not the pinned one
  local actual
  actual=$(sha256sum "$1" | cut -d' ' -f1)
  if [ "$actual" != "$expected" ]; then
    echo "silero-model: $1 has SHA-256 $actual, expected $expected (did @livekit/agents-plugin-silero@$version change?)" >&2
    return 1
  fi
}

if [ -f "$model" ] && verify "$model" 2>/dev/null; then
  exit 0
fi
command -v npm >/dev/null || { echo "silero-model: npm is needed to fetch the VAD model (Debian package npm)" >&2; exit 1; }

work="$target/silero-npm"
rm -rf "$work" && mkdir -p "$work"
# --prefer-offline: the tarball comes from npm's cache when it is there, so 'mvn -o' after a clean still builds.
tarball=$(cd "$work" && npm pack "@livekit/agents-plugin-silero@$version" --prefer-offline --ignore-scripts --silent 2>/dev/null | tail -1)
[ -f "$work/$tarball" ] || { echo "silero-model: npm pack @livekit/agents-plugin-silero@$version failed" >&2; exit 1; }
tar -xzmf "$work/$tarball" -C "$work" package/dist/silero_vad.onnx
verify "$work/package/dist/silero_vad.onnx"
mkdir -p "$(dirname "$model")"
mv "$work/package/dist/silero_vad.onnx" "$model"
rm -rf "$work"
echo "silero-model: $model from @livekit/agents-plugin-silero@$version"
