#!/usr/bin/env bash
# Start the loopback services the tests use (PostgreSQL when DATABASE_URL points at it, Redis)
# if they are installed but down. Prints what it did; the tests themselves report what is missing.
set -u
up() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if ! up 6379 && command -v redis-server >/dev/null 2>&1; then
  echo "Starting Redis on 127.0.0.1:6379" >&2
  mkdir -p /var/lib/redis /var/log/redis 2>/dev/null
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log >/dev/null 2>&1 || true
fi
case "${DATABASE_URL:-}" in
  postgres*)
    if ! up 5432 && command -v pg_ctlcluster >/dev/null 2>&1; then
      echo "Starting PostgreSQL on 127.0.0.1:5432" >&2
      pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
    fi ;;
esac
for _ in $(seq 1 30); do up 6379 && break; sleep 1; done
exit 0
