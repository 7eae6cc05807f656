# Sourced by the local scripts: a JDK >= 21 and Maven >= 3.9, obtained if missing.
# Nothing here names a package registry: Maven, apt and npm use their own defaults.

VAANI_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
VAANI_CACHE=${VAANI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/vaani}
MAVEN_VERSION=3.9.11

log() { printf '[%s] %s\n' "$(basename "$0" .sh)" "$*"; }
fail() { printf '[%s] error: %s\n' "$(basename "$0" .sh)" "$*" >&2; exit 1; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

use_packages() { # Debian packages..., installed when missing
  local missing=() p
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null || fail "no apt-get: install ${missing[*]} yourself"
  log "installing ${missing[*]} from Debian packages"
  # Package scripts must not start services through init systems that are not there.
  as_root env DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 apt-get install -y -qq "${missing[@]}" >/dev/null
}

# The agent worker's media: libwebrtc (inside webrtc-java) loads PulseAudio's client library even
# with its headless audio device; the tests speak with espeak-ng and hear with PocketSphinx (the
# local TTS and STT providers).
AGENT_RUNTIME_PACKAGES=(libpulse0)
AGENT_TEST_PACKAGES=(libpulse0 espeak-ng pocketsphinx pocketsphinx-en-us)

# The agent worker's build fetches the Silero VAD model with npm pack (agent-worker/src/build/silero-model.sh).
use_npm() { command -v npm >/dev/null || use_packages npm; }

java_major() { # JAVA_HOME -> major version, or 0
  "$1/bin/java" -XshowSettings:properties -version 2>&1 |
    awk -F'= ' '/java.specification.version/ {split($2, v, "."); print (v[1] == 1 ? v[2] : v[1]); found=1} END {if (!found) print 0}'
}

# JAVA_HOME: as set if it is 21+, else the newest JDK 21+ under /usr/lib/jvm (Temurin 25 where
# present), else one installed from Debian packages.
use_java() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ] && [ "$(java_major "$JAVA_HOME")" -ge 21 ]; then
    return 0
  fi
  local best="" best_major=0 jdk major
  for jdk in /usr/lib/jvm/*; do
    [ -x "$jdk/bin/javac" ] || continue
    major=$(java_major "$jdk")
    if [ "$major" -gt "$best_major" ] || { [ "$major" -eq "$best_major" ] && [[ $jdk == *temurin* ]]; }; then
      best=$jdk best_major=$major
    fi
  done
  if [ "$best_major" -lt 21 ]; then
    log "no JDK 21+ found; installing one from Debian packages"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-21-jdk-headless >/dev/null 2>&1 ||
      as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-25-jdk-headless >/dev/null 2>&1 ||
      fail "Vaani builds for Java 21: install a JDK 21 or newer and set JAVA_HOME"
    use_java
    return
  fi
  export JAVA_HOME=$best
}

maven_version_ok() { # mvn-binary -> 0 when 3.9+
  local v
  v=$("$1" -v 2>/dev/null | sed -n 's/.*Apache Maven \([0-9][0-9.]*\).*/\1/p' | head -1)
  [ -n "$v" ] && [ "$(printf '%s\n3.9.0\n' "$v" | sort -V | head -1)" = 3.9.0 ]
}

# MVN: a Maven 3.9+ binary. Quarkus needs 3.9; Debian ships 3.8, which fetches the 3.9
# distribution (an ordinary artifact) into the cache.
use_maven() {
  if command -v mvn >/dev/null && maven_version_ok "$(command -v mvn)"; then
    MVN=$(command -v mvn)
  else
    local home="$VAANI_CACHE/apache-maven-$MAVEN_VERSION"
    if [ ! -x "$home/bin/mvn" ]; then
      command -v mvn >/dev/null || {
        log "installing Debian's Maven to fetch Maven $MAVEN_VERSION"
        as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq maven >/dev/null
      }
      log "fetching Maven $MAVEN_VERSION into $VAANI_CACHE"
      mkdir -p "$VAANI_CACHE"
      mvn -q -B org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
        -Dartifact="org.apache.maven:apache-maven:$MAVEN_VERSION:zip:bin" -DoutputDirectory="$VAANI_CACHE" ||
        fail "could not fetch Maven $MAVEN_VERSION"
      (cd "$VAANI_CACHE" && "$JAVA_HOME/bin/jar" xf "apache-maven-$MAVEN_VERSION-bin.zip")
      chmod +x "$home/bin/mvn"
      rm -f "$VAANI_CACHE/apache-maven-$MAVEN_VERSION-bin.zip"
    fi
    MVN=$home/bin/mvn
  fi
  # JDK 24+ warns about Maven's own use of sun.misc.Unsafe; the flag is unknown before 23.
  if [ "$(java_major "$JAVA_HOME")" -ge 24 ]; then
    export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
  fi
}

maven() { # runs Maven on the project with the chosen JDK
  (cd "$VAANI_ROOT" && "$MVN" -B -ntp "$@")
}
