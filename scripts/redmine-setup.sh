#!/usr/bin/env bash
# A real helpdesk for the end-to-end tests: Redmine 5 from Debian's packages, on SQLite, seeded once.
#
# Installs the packages (root; skipped with a printed reason where they cannot be installed), makes the default
# instance's database, seeds it by Redmine's own REST API and keeps a copy of the seeded database
# (desklens-seed.sqlite3). test/harness/redmine.ts starts each test run on a fresh copy of that file, so the cost
# of seeding (~25 s) is paid once per seed version, not per run. Safe to rerun: with the packages and a seed of
# this script's version present it returns at once.
#
#   bash scripts/redmine-setup.sh          # set up (or check) the seed
#   bash scripts/redmine-setup.sh --force  # seed again from nothing
set -euo pipefail

DB_DIR=/var/lib/redmine/default/db
LIVE_DB=$DB_DIR/redmine.sqlite3
SEED_DB=$DB_DIR/desklens-seed.sqlite3
STAMP=$DB_DIR/desklens-seed.stamp
# Any change to this script (the seed is described here) makes a new seed.
VERSION=$(sha256sum "$0" | cut -c1-16)

skip() {
  echo "Redmine e2e set-up skipped: $*" >&2
  exit 0
}

packages_present() {
  [ "$(dpkg-query -W -f='${Status}\n' redmine redmine-sqlite thin 2>/dev/null | grep -c '^install ok installed$')" = 3 ]
}

if [ "${1:-}" != "--force" ] && [ -f "$SEED_DB" ] && [ "$(cat "$STAMP" 2>/dev/null)" = "$VERSION" ] &&
  packages_present; then
  echo "Redmine seed present ($SEED_DB, version $VERSION)"
  exit 0
fi

command -v dpkg-query >/dev/null && command -v apt-get >/dev/null || skip "not a Debian system (no apt-get)"
[ "$(id -u)" = 0 ] || skip "installing Redmine needs root (run: sudo bash $0)"
command -v jq >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq jq >/dev/null ||
  skip "jq cannot be installed"

# 1. Packages. dbconfig is told to keep out: no prompt, no database of its own.
if ! packages_present; then
  echo "Installing Redmine from Debian's packages (~50 s)"
  printf '%s\n' 'redmine redmine/instances/default/dbconfig-install boolean false' \
    'redmine redmine/instances/default/database-type select sqlite3' | debconf-set-selections
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=300 \
    --no-install-recommends redmine redmine-sqlite thin >/tmp/desklens-redmine-apt.log 2>&1; then
    apt-get update -qq >/dev/null 2>&1 || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=300 \
      --no-install-recommends redmine redmine-sqlite thin >/tmp/desklens-redmine-apt.log 2>&1 ||
      skip "apt-get could not install redmine redmine-sqlite thin ($(tail -1 /tmp/desklens-redmine-apt.log))"
  fi
fi

# 2. The default instance's database, made from nothing.
install -d -o www-data -g www-data "$DB_DIR"
printf 'production:\n  adapter: sqlite3\n  database: %s\n  encoding: utf8\n' "$LIVE_DB" >/etc/redmine/default/database.yml
chown root:www-data /etc/redmine/default/database.yml
chmod 640 /etc/redmine/default/database.yml
rm -f "$LIVE_DB" "$SEED_DB" "$STAMP"
cd /usr/share/redmine
# Everything as www-data: logs and caches made by root break later runs.
RM=(runuser -u www-data -- env REDMINE_INSTANCE=default RAILS_ENV=production)

# 3. Schema (SCHEMA=/dev/null: the schema dump would go into read-only /usr/share), then the default data:
#    trackers (Support = 3), statuses (New 1, In Progress 2, Resolved 3, Feedback 4, Closed 5), roles (Reporter = 5).
echo "Creating the Redmine database"
"${RM[@]}" SCHEMA=/dev/null bundle exec rake db:migrate >/dev/null
"${RM[@]}" REDMINE_LANG=en bundle exec rake redmine:load_default_data >/dev/null

# 4. REST on; admin/admin keeps its password; the admin (the agent in the tests) sees times in Beijing time, which
#    is not the browser's zone in the tests, so the description's timeZone is what makes the SLA clocks right.
KEY=$("${RM[@]}" bin/rails runner 'Setting.rest_api_enabled = "1"
  a = User.find_by!(login: "admin"); a.update!(must_change_passwd: false)
  a.pref.time_zone = "Beijing"; a.pref.save!
  print a.api_key')

# 5. Serve on a free port below the ephemeral range (a wait loop's own curl can take an ephemeral one).
PORT=${REDMINE_SETUP_PORT:-30380}
while (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; do PORT=$((PORT + 1)); done
R=http://127.0.0.1:$PORT
"${RM[@]}" bundle exec rackup -E production -s thin -o 127.0.0.1 -p "$PORT" >/tmp/desklens-redmine-setup.log 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 120); do curl -sf -o /dev/null "$R/login" && break; sleep 0.5; done
if ! curl -sf -o /dev/null "$R/login"; then
  echo "Redmine did not start (see /tmp/desklens-redmine-setup.log)" >&2
  exit 1
fi

# 6. Seed by REST: a requester, a public project, three issues by the requester (one in Chinese), then a
#    conversation on them: on #1 an agent reply that also moves the status and a reply from the requester; on #3
#    only a private (internal) note, which must not count as a reply.
echo "Seeding Redmine by REST"
H=(-H "X-Redmine-API-Key: $KEY" -H 'Content-Type: application/json')
AS_REQUESTER=(-H 'X-Redmine-Switch-User: requester')
U=$(curl -sf "${H[@]}" "$R/users.json" -d '{"user":{"login":"requester","firstname":"Rita","lastname":"Requester",
  "mail":"requester@example.test","password":"requester123"}}' | jq .user.id)
curl -sf "${H[@]}" "$R/projects.json" -o /dev/null \
  -d '{"project":{"name":"Helpdesk E2E","identifier":"helpdesk-e2e","is_public":true}}'
curl -sf "${H[@]}" "$R/projects/helpdesk-e2e/memberships.json" -o /dev/null \
  -d "{\"membership\":{\"user_id\":$U,\"role_ids\":[5]}}"
for subject in 'Cannot log in to the portal' '发票无法下载' 'Export to CSV drops the last row'; do
  curl -sf "${H[@]}" "${AS_REQUESTER[@]}" "$R/issues.json" -o /dev/null \
    -d "$(jq -nc --arg s "$subject" '{issue:{project_id:"helpdesk-e2e",tracker_id:3,subject:$s,description:"Help!"}}')"
done
curl -sf "${H[@]}" -X PUT "$R/issues/1.json" -d '{"issue":{"notes":"Thanks, we are looking into it.","status_id":2}}'
sleep 1
sleep 1
curl -sf "${H[@]}" "${AS_REQUESTER[@]}" -X PUT "$R/issues/1.json" \
  -d '{"issue":{"notes":"It still fails this morning."}}'
curl -sf "${H[@]}" -X PUT "$R/issues/3.json" \
  -d '{"issue":{"notes":"Internal: reproduced with 1,001 rows.","private_notes":true}}'

kill "$SERVER"
wait "$SERVER" 2>/dev/null || true
trap - EXIT

# Redmine shows times to the minute: spread the conversation over the past hours, as a real one is, so that the
# order of messages survives the page's precision (opened 3 h ago, answered 2 h ago, the customer back 1 h ago).
"${RM[@]}" bin/rails runner 'now = Time.now
  Issue.where(id: [1, 2, 3]).update_all(created_on: now - 3.hours, updated_on: now - 1.hour)
  first, second = Journal.where(journalized_type: "Issue", journalized_id: 1).order(:id).to_a
  first.update_columns(created_on: now - 2.hours)
  second.update_columns(created_on: now - 1.hour)
  Journal.where(journalized_type: "Issue", journalized_id: 3).update_all(created_on: now - 2.hours)'
install -o www-data -g www-data -m 640 "$LIVE_DB" "$SEED_DB"
echo "$VERSION" >"$STAMP"
echo "Redmine seeded: $SEED_DB (version $VERSION)"
