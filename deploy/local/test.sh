#!/usr/bin/env bash
# Runs every test of the suite against real PostgreSQL, RabbitMQ and Redis, set up first.
#   deploy/local/test.sh [extra Maven arguments, e.g. -pl dialer-core -am]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/lib.sh"

use_java
use_maven
log "JDK: $JAVA_HOME ($(java_major "$JAVA_HOME")); Maven: $MVN"
"$here/infra.sh" up
use_packages "${AGENT_TEST_PACKAGES[@]}"
use_npm
started=$(date +%s)
maven verify "$@"
log "all tests passed in $(($(date +%s) - started)) s"
