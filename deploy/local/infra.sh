#!/usr/bin/env bash
# Makes PostgreSQL, RabbitMQ and Redis reachable on their standard loopback ports.
#   infra.sh up      reuse running servers; else Docker Compose when an engine answers;
#                    else install them from Debian packages and start them (no systemd needed)
#   infra.sh status  what answers, and where
#   infra.sh down    stop what this script started (servers it found running are left alone)
# Idempotent. Then provisions what Vaani expects: PostgreSQL role and database "vaani"
# (password "vaani", may create databases for tests) and the RabbitMQ vhost "vaani-test".
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/lib.sh"
state="$here/.state"
mkdir -p "$state"

PG_PORT=5432 REDIS_PORT=6379 AMQP_PORT=5672
say() { printf '[infra] %s\n' "$*"; }
die() { printf '[infra] error: %s\n' "$*" >&2; exit 1; }
answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_for() { # name port seconds
  local i
  for ((i = 0; i < $3 * 2; i++)); do answers "$2" && return 0; sleep 0.5; done
  die "$1 did not answer on 127.0.0.1:$2 within $3 s"
}

docker_engine() { command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; }

start_postgres() {
  use_packages postgresql
  local version
  version=$(ls /etc/postgresql | sort -V | tail -1)
  [ -n "$version" ] || die "PostgreSQL is installed but has no cluster under /etc/postgresql"
  say "starting PostgreSQL $version"
  as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start
  echo postgres >>"$state/started"
}

start_redis() {
  use_packages redis-server
  say "starting Redis"
  as_root mkdir -p /var/lib/redis /var/log/redis
  as_root redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/vaani.log
  echo redis >>"$state/started"
}

start_rabbitmq() {
  use_packages rabbitmq-server
  say "starting RabbitMQ"
  as_root rabbitmq-server -detached
  echo rabbitmq >>"$state/started"
}

psql_admin() { # runs psql as a superuser: trust over TCP, else peer auth as the postgres user
  if psql -h 127.0.0.1 -U postgres -d postgres -XtAq -c 'select 1' >/dev/null 2>&1; then
    psql -h 127.0.0.1 -U postgres -d postgres -XtAq -v ON_ERROR_STOP=1 "$@"
  elif [ "$(id -u)" -eq 0 ] && id postgres >/dev/null 2>&1; then
    runuser -u postgres -- psql -d postgres -XtAq -v ON_ERROR_STOP=1 "$@"
  else
    return 1
  fi
}

provision_postgres() {
  if PGPASSWORD=vaani psql -h 127.0.0.1 -U vaani -d vaani -XtAq -c 'select 1' >/dev/null 2>&1; then
    return 0
  fi
  command -v psql >/dev/null || use_packages postgresql-client
  psql_admin -c "do \$\$ begin
      if not exists (select from pg_roles where rolname = 'vaani') then
        create role vaani login createdb password 'vaani';
      end if; end \$\$;" ||
    die "cannot reach PostgreSQL as a superuser to create the role vaani; create it yourself: create role vaani login createdb password 'vaani'"
  if [ -z "$(psql_admin -c "select 1 from pg_database where datname = 'vaani'")" ]; then
    psql_admin -c "create database vaani owner vaani"
  fi
  say "PostgreSQL: role and database vaani ready"
}

provision_rabbitmq() {
  local ctl=()
  if [ -f "$state/mode" ] && [ "$(cat "$state/mode")" = compose ]; then
    ctl=(docker compose -f "$here/compose.yaml" exec -T rabbitmq rabbitmqctl)
  elif command -v rabbitmqctl >/dev/null 2>&1; then
    ctl=(as_root rabbitmqctl)
  else
    say "RabbitMQ: no rabbitmqctl here; tests need the vhost vaani-test with permissions for guest"
    return 0
  fi
  "${ctl[@]}" -q await_startup >/dev/null 2>&1 || true
  if ! "${ctl[@]}" -q list_vhosts 2>/dev/null | grep -qx vaani-test; then
    "${ctl[@]}" -q add_vhost vaani-test >/dev/null
    say "RabbitMQ: vhost vaani-test added"
  fi
  "${ctl[@]}" -q set_permissions -p vaani-test guest '.*' '.*' '.*' >/dev/null
}

up() {
  local need=()
  answers $PG_PORT || need+=(postgres)
  answers $REDIS_PORT || need+=(redis)
  answers $AMQP_PORT || need+=(rabbitmq)
  if [ ${#need[@]} -eq 0 ]; then
    say "reusing PostgreSQL :$PG_PORT, Redis :$REDIS_PORT, RabbitMQ :$AMQP_PORT already running"
  elif docker_engine; then
    say "starting ${need[*]} with Docker Compose"
    docker compose -f "$here/compose.yaml" up -d --wait "${need[@]}"
    echo compose >"$state/mode"
  else
    say "no Docker engine: using Debian packages for ${need[*]}"
    echo debian >"$state/mode"
    for s in "${need[@]}"; do "start_$s"; done
  fi
  wait_for PostgreSQL $PG_PORT 60
  wait_for Redis $REDIS_PORT 30
  wait_for RabbitMQ $AMQP_PORT 120
  provision_postgres
  provision_rabbitmq
  status
}

status() {
  local name port
  for pair in PostgreSQL:$PG_PORT Redis:$REDIS_PORT RabbitMQ:$AMQP_PORT; do
    name=${pair%%:*} port=${pair##*:}
    if answers "$port"; then say "$name: up on 127.0.0.1:$port"; else say "$name: DOWN (127.0.0.1:$port)"; fi
  done
}

down() {
  if [ -f "$state/mode" ] && [ "$(cat "$state/mode")" = compose ]; then
    docker compose -f "$here/compose.yaml" down
  elif [ -f "$state/started" ]; then
    while read -r s; do
      case $s in
        postgres) as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main stop || true ;;
        redis) redis-cli -p $REDIS_PORT shutdown nosave >/dev/null 2>&1 || true ;;
        rabbitmq) as_root rabbitmqctl -q stop >/dev/null 2>&1 || true ;;
      esac
      say "stopped $s"
    done < <(sort -u "$state/started")
  else
    say "nothing was started by this script; servers found running are left alone"
  fi
  rm -f "$state/started" "$state/mode"
}

case "${1:-up}" in
  up) up ;;
  status) status ;;
  down) down ;;
  *) die "usage: $0 up|status|down" ;;
esac
