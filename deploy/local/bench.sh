#!/usr/bin/env bash
# Runs a benchmark and prints its figures: deploy/local/bench.sh hopper|ticker|pacing|api|vad|voice
# Benchmarks are tests tagged "bench", left out of deploy/local/test.sh.
set -euo pipefail
# Without CAP_SYS_NICE, as in a pod: run as root, libwebrtc gives its audio threads real-time
# priority, and they then starve the JVM's own threads in a way no deployment sees.
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null && grep -q '^CapEff:.*[^0]' /proc/self/status \
    && [ -z "${VAANI_BENCH_NO_NICE:-}" ]; then
  VAANI_BENCH_NO_NICE=1 exec setpriv --bounding-set -sys_nice --inh-caps -sys_nice "$0" "$@"
fi
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/lib.sh"

declare -A MODULES=([hopper]=dialer-hopper [ticker]=dialer-ticker [pacing]=dialer-core [api]=api-service [vad]=agent-worker [voice]=agent-worker)
name=${1:-}
[ -n "$name" ] && [ -n "${MODULES[$name]:-}" ] || fail "usage: $0 {${!MODULES[*]}}"
use_java
use_maven
"$here/infra.sh" up >/dev/null
use_packages "${AGENT_TEST_PACKAGES[@]}"
use_npm
maven -q install -DskipTests -pl "${MODULES[$name]}" -am
maven verify -pl "${MODULES[$name]}" -Dtest='*Bench' -Dgroups=bench -Dbench.excluded= -Dsurefire.failIfNoSpecifiedTests=false \
  "${@:2}" | grep -E '^BENCH|Tests run:|FAIL|ERROR' || true
