#!/usr/bin/env bash
# The whole Vaani suite on this machine, without Kubernetes.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/lib.sh"

# module:port, in start order
SERVICES=(api-service:8080 dialer-ticker:8081 dialer-hopper:8082 dialer-core:8083 scheduler-service:8084 agent-worker:8085)
STATE="$here/.state"
LOGS="$VAANI_ROOT/target/local"
# The local S3 (S3Proxy over target/local/s3) unless VAANI_S3_ENDPOINT names another.
S3_PORT=9000
S3_BUCKET=${VAANI_RECORDINGS_BUCKET:-vaani-recordings}

usage() {
  cat <<USAGE
usage: deploy/local/run.sh [options]      set up the servers, build, start all six services, run the demo
       deploy/local/run.sh stop           stop the services this script started
       deploy/local/run.sh status         which services answer, and where
       deploy/local/run.sh --help         this text

The demo, through the public REST API only, with the superuser's API key: a workspace, an agent,
a campaign on the simulated phone network (30% answer, 10% busy, 5% voicemail, 2% invalid; rings
of 5-30 s and calls of about 90 s, sped up), a DNC list, and a generated file of prospects in ten
US area codes and four countries, some invalid and some on the DNC list. It starts the campaign and
shows its progress until nothing is left to dial now (prospects outside their calling hours wait
for tomorrow) or you press Ctrl-C, then prints a summary: calls placed, outcomes, abandon rate,
DNC and calling-hours skips, and where the API and its Swagger UI are.
  --prospects N    prospects in the demo file (default 2000)
  --speed F        the simulated network runs F times faster than the clock (default 20)
  --keep-running   leave the services running after the demo (stop them with: run.sh stop)
  --no-demo        start the services only, and leave them running
  --no-build       start what was built last time

Starts PostgreSQL, RabbitMQ and Redis (reusing running servers; Docker Compose where an engine
answers; else Debian packages), builds the suite, starts S3Proxy as the recordings' S3 on :9000
(objects under target/local/s3; set VAANI_S3_ENDPOINT and AWS credentials to use another), starts
every service in JVM mode in the background and waits until each one is ready.
Logs: target/local/<service>.log.
Environment: the services read VAANI_DB_URL, VAANI_REDIS_URL, VAANI_RABBITMQ_HOST, ... (README.md).
The API's superuser key (VAANI_BOOTSTRAP_API_KEY) is generated once and kept in
deploy/local/.state/bootstrap-api-key; use it as: Authorization: Bearer <key>.
USAGE
}

port_owner() { # port -> description of the listening process, if any
  if command -v ss >/dev/null; then ss -ltnpH "sport = :$1" 2>/dev/null | sed -n 's/.*users:((\(.*\)))/\1/p' | head -1; fi
}

ready() { curl -fsS -o /dev/null "http://127.0.0.1:$1/q/health/ready" 2>/dev/null; }

stop() {
  local any=0
  if [ -f "$STATE/pids" ]; then
    while read -r module pid; do
      if kill -0 "$pid" 2>/dev/null; then
        kill "$pid" && any=1 && log "stopped $module (pid $pid)"
      fi
    done <"$STATE/pids"
    rm -f "$STATE/pids"
  fi
  [ $any -eq 1 ] || log "no service of this script was running"
}

status() {
  local entry module port
  for entry in "${SERVICES[@]}"; do
    module=${entry%%:*} port=${entry##*:}
    if ready "$port"; then log "$module: ready on http://localhost:$port"; else log "$module: not ready (port $port)"; fi
  done
}

# The superuser key api-service creates at its first start (VAANI_BOOTSTRAP_API_KEY), kept across runs.
bootstrap_key() {
  if [ -n "${VAANI_BOOTSTRAP_API_KEY:-}" ]; then
    API_KEY=$VAANI_BOOTSTRAP_API_KEY
    return
  fi
  if [ ! -s "$STATE/bootstrap-api-key" ]; then
    (umask 077 && echo "vk_local_$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')" >"$STATE/bootstrap-api-key")
  fi
  API_KEY=$(cat "$STATE/bootstrap-api-key")
}

# S3Proxy (test-support's S3ProxyServer) with the access key the services are given.
start_s3() {
  local classpath="$LOGS/s3proxy.classpath"
  if [ ! -s "$classpath" ]; then
    use_maven
    maven -q dependency:build-classpath -pl test-support -Dmdep.outputFile="$classpath" || fail "cannot resolve S3Proxy's classpath"
  fi
  nohup "$JAVA_HOME/bin/java" -Xmx256m -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
    -cp "$VAANI_ROOT/test-support/target/classes:$(cat "$classpath")" \
    io.vaani.testing.s3.S3ProxyServer "$S3_PORT" "$LOGS/s3" "$S3_BUCKET" >"$LOGS/s3proxy.log" 2>&1 &
  echo "s3proxy $!" >>"$STATE/pids"
  local deadline=$((SECONDS + 60))
  until (exec 3<>"/dev/tcp/127.0.0.1/$S3_PORT") 2>/dev/null; do
    kill -0 "$!" 2>/dev/null || fail "S3Proxy exited while starting; read target/local/s3proxy.log"
    [ $SECONDS -lt $deadline ] || fail "S3Proxy is not listening after 60 s; read target/local/s3proxy.log"
    sleep 1
  done
  log "started S3Proxy on :$S3_PORT (bucket $S3_BUCKET, objects in target/local/s3), log: target/local/s3proxy.log"
}

# The demo campaign (deploy module, io.vaani.deploy.demo) through the API; its summary, then the services stop unless kept.
demo() { # prospects keep-running
  local classpath="$LOGS/demo.classpath" interrupted=0
  if [ ! -s "$classpath" ]; then
    use_maven
    maven -q dependency:build-classpath -pl deploy -Dmdep.includeScope=runtime -Dmdep.outputFile="$classpath" ||
      fail "cannot resolve the demo's classpath"
  fi
  log "demo: $1 prospects at speed $SPEED; Ctrl-C stops the campaign and prints its summary"
  trap 'interrupted=1' INT
  local status=0
  "$JAVA_HOME/bin/java" -cp "$VAANI_ROOT/deploy/target/classes:$(cat "$classpath")" io.vaani.deploy.demo.DemoCampaign \
    --api http://127.0.0.1:8080 --key "$API_KEY" --prospects "$1" || status=$?
  trap - INT
  # 130 and 143: stopped by Ctrl-C or a TERM, after printing its summary.
  if [ $status -ne 0 ] && [ $interrupted -eq 0 ] && [ $status -ne 130 ] && [ $status -ne 143 ]; then
    log "the demo failed; read target/local/api-service.log and the other logs in target/local"
  fi
  if [ "$2" -eq 1 ]; then
    log "services keep running; stop them with: deploy/local/run.sh stop"
  else
    stop
  fi
}

start() {
  local build=1 prospects=2000 keep=0 run_demo=1
  SPEED=20
  while [ $# -gt 0 ]; do
    case $1 in
      --no-build) build=0 ;;
      --keep-running) keep=1 ;;
      --no-demo) run_demo=0 ;;
      --prospects)
        [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || fail "--prospects takes a positive whole number"
        prospects=$2; shift ;;
      --speed)
        [[ ${2:-} =~ ^[0-9]+(\.[0-9]+)?$ ]] && [ "${2%%.*}" -le 1000 ] || fail "--speed takes a number from 1 to 1000"
        SPEED=$2; shift ;;
      *) usage >&2; fail "unknown option $1" ;;
    esac
    shift
  done
  command -v curl >/dev/null || fail "curl is needed to check readiness: apt-get install curl"
  use_java
  [ -f "$STATE/pids" ] && stop >/dev/null
  local entry module port owner
  local ports=("${SERVICES[@]}")
  [ -n "${VAANI_S3_ENDPOINT:-}" ] || ports+=("s3proxy:$S3_PORT")
  for entry in "${ports[@]}"; do
    module=${entry%%:*} port=${entry##*:}
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      owner=$(port_owner "$port")
      fail "port $port (for $module) is in use${owner:+ by $owner}; stop it or run deploy/local/run.sh stop"
    fi
  done

  "$here/infra.sh" up
  use_packages "${AGENT_RUNTIME_PACKAGES[@]}"
  if [ $build -eq 1 ]; then
    use_maven
    use_npm
    log "building (tests skipped; deploy/local/test.sh runs them)"
    maven -q package -DskipTests || fail "the build failed"
  fi

  mkdir -p "$STATE" "$LOGS"
  bootstrap_key
  : >"$STATE/pids"
  [ -n "${VAANI_S3_ENDPOINT:-}" ] || start_s3
  for entry in "${SERVICES[@]}"; do
    module=${entry%%:*}
    local jar="$VAANI_ROOT/$module/target/quarkus-app/quarkus-run.jar"
    [ -f "$jar" ] || fail "$jar is missing: run without --no-build"
    VAANI_BOOTSTRAP_API_KEY="$API_KEY" VAANI_CORS_ORIGINS="${VAANI_CORS_ORIGINS:-/.*/}" \
      VAANI_S3_ENDPOINT="${VAANI_S3_ENDPOINT:-http://127.0.0.1:$S3_PORT}" VAANI_S3_PATH_STYLE="${VAANI_S3_PATH_STYLE:-true}" \
      AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-vaani-test-access}" AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-vaani-test-secret}" \
      VAANI_RECORDINGS_BUCKET="$S3_BUCKET" VAANI_SIMULATOR_SPEED="$SPEED" \
      nohup "$JAVA_HOME/bin/java" -Xmx512m -jar "$jar" >"$LOGS/$module.log" 2>&1 &
    echo "$module $!" >>"$STATE/pids"
    log "started $module (pid $!), log: target/local/$module.log"
  done

  local deadline=$((SECONDS + 120)) pid
  for entry in "${SERVICES[@]}"; do
    module=${entry%%:*} port=${entry##*:}
    pid=$(awk -v m="$module" '$1 == m {print $2}' "$STATE/pids")
    until ready "$port"; do
      kill -0 "$pid" 2>/dev/null || fail "$module exited while starting; read target/local/$module.log"
      [ $SECONDS -lt $deadline ] || fail "$module is not ready after 120 s; read target/local/$module.log"
      sleep 1
    done
  done

  log "all services ready"
  for entry in "${SERVICES[@]}"; do
    module=${entry%%:*} port=${entry##*:}
    printf '  %-18s http://localhost:%s   (health /q/health, metrics /q/metrics)\n' "$module" "$port"
  done
  printf '  %-18s http://localhost:8080/q/swagger-ui\n' "Swagger UI"
  printf '  %-18s http://localhost:8080/q/openapi\n' "OpenAPI"
  if curl -fsS -o /dev/null -H "Authorization: Bearer $API_KEY" http://127.0.0.1:8080/v1/me; then
    printf '  %-18s %s   (superuser; Authorization: Bearer <key>)\n' "API key" "$API_KEY"
  else
    log "the API key in deploy/local/.state/bootstrap-api-key is unknown to this database, which already has a superuser;"
    log "start with VAANI_BOOTSTRAP_API_KEY set to that superuser's key"
  fi
  if [ $run_demo -eq 1 ]; then
    demo "$prospects" "$keep"
  else
    log "stop them with: deploy/local/run.sh stop"
  fi
}

case "${1:-}" in
  -h | --help | help) usage ;;
  stop) stop ;;
  status) status ;;
  *) start "$@" ;;
esac
