#!/usr/bin/env bash
# Redis for the rate-limit tests (server/ratelimit/shared.test.ts: two instances counting into one Redis).
#
# Nothing to do when something already answers on 127.0.0.1:6379. Otherwise, as root on Debian, installs
# redis-server from the distribution and starts it bound to loopback, without persistence (the tests keep nothing in
# it). Where that cannot be done it prints why and the Redis tests are skipped (the PostgreSQL ones still run).
set -euo pipefail

answers() { (exec 3<>/dev/tcp/127.0.0.1/6379 && printf 'PING\r\n' >&3 && timeout 2 head -c 5 <&3 | grep -q PONG) 2>/dev/null; }

if answers; then exit 0; fi
skip() {
  echo "Redis set-up skipped: $* (the Redis rate-limit tests will be skipped)" >&2
  exit 0
}
if ! command -v redis-server >/dev/null; then
  [ "$(id -u)" = 0 ] || skip "not root, and redis-server is not installed"
  command -v apt-get >/dev/null || skip "no apt-get"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server >/dev/null ||
    skip "apt-get could not install redis-server"
fi
redis-server --bind 127.0.0.1 --port 6379 --save '' --appendonly no --daemonize yes >/dev/null
for _ in $(seq 50); do answers && exit 0; sleep 0.1; done
skip "redis-server did not answer on 127.0.0.1:6379"
