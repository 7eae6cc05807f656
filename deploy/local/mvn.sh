#!/usr/bin/env bash
# Maven 3.9+ on a JDK 21+, obtained if missing: deploy/local/mvn.sh <maven arguments>
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
use_java
use_maven
use_npm
maven "$@"
