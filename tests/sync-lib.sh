# sync-lib.sh: what the tests of calendars and sync share, sourced after
# lib.sh (t0120, t0700, t0710, t0720).

# journal_norm: a journal's `export --format json` on standard input,
# made comparable with another device's: local ids dropped (each journal
# numbers its records its own way), and followup_seq (the SEQUENCE of a
# device's own `ical --vdir` reminders, which sync does not carry); calls
# and events sorted by uuid, since records of the same minute are listed
# by local id.
journal_norm() {
	jq -S 'del(.exported) |
	    walk(if type == "object" then del(.id, .case_id, .call_id,
		.followup_seq) else . end) |
	    .cases |= (map(.calls |= sort_by(.uuid) |
		.events |= sort_by(.uuid)) | sort_by(.uuid)) |
	    if .calls then .calls |= sort_by(.uuid) else . end |
	    if .events then .events |= sort_by(.uuid) else . end'
}

# radicale_start: a Radicale server on a free loopback port, no
# authentication, its collections in $TRASH/rad, and the principal
# collection /user/ made; sets PORT, and rad.pid for radicale_stop (the
# caller's trap kills it too).  Returns once it answers.
radicale_start() {
	PORT=$(/usr/bin/python3 -c "import socket
s = socket.socket(); s.bind((\"127.0.0.1\", 0)); print(s.getsockname()[1])") &&
	mkdir -p rad &&
	printf "%s\n" "[server]" "hosts = 127.0.0.1:$PORT" "[storage]" \
	    "filesystem_folder = $TRASH/rad/collections" "[auth]" \
	    "type = none" "[web]" "type = none" "[logging]" \
	    "level = warning" >rad/config &&
	{ radicale --config rad/config >rad.log 2>&1 & } &&
	echo $! >rad.pid &&
	_rs_n=0 && until curl -s -o /dev/null "http://127.0.0.1:$PORT/"; do
		_rs_n=$((_rs_n + 1)) && test $_rs_n -lt 100 && sleep 0.1 ||
		    return 1
	done &&
	test "$(curl -s -o /dev/null -w "%{http_code}" -X MKCOL \
	    "http://127.0.0.1:$PORT/user/")" = 201
}

radicale_stop() {
	kill "$(cat "$TRASH/rad.pid")" && rm "$TRASH/rad.pid"
}

# A Radicale this script started stops when the script ends, not in a test.
test_at_exit 'test ! -f "$TRASH/rad.pid" || radicale_stop'

# xandikos_start: a Xandikos server on a free loopback port, serving
# $TRASH/xand (calendars made on first use); PORT is set.
xandikos_start() {
	PORT=$(/usr/bin/python3 -c "import socket
s = socket.socket(); s.bind((\"127.0.0.1\", 0)); print(s.getsockname()[1])") &&
	{ xandikos -d "$TRASH/xand" --autocreate -l 127.0.0.1 -p "$PORT" \
	    >xand.log 2>&1 & } &&
	echo $! >xand.pid &&
	_xs_n=0 && until curl -s -o /dev/null "http://127.0.0.1:$PORT/"; do
		_xs_n=$((_xs_n + 1)) && test $_xs_n -lt 100 && sleep 0.1 ||
		    return 1
	done
}

test_at_exit 'test ! -f "$TRASH/xand.pid" || kill "$(cat "$TRASH/xand.pid")"'

# dav_start: the CalDAV server SYNC_SERVER names (radicale, the default,
# or xandikos) on loopback, and in it one calendar collection for to-dos
# and journal entries; URL is the collection's.
dav_start() {
	case ${SYNC_SERVER:-radicale} in
	radicale)
		radicale_start &&
		URL=http://127.0.0.1:$PORT/user/calllog/ ;;
	xandikos)
		xandikos_start &&
		URL=http://127.0.0.1:$PORT/user/calendars/calllog/ ;;
	*)
		echo "SYNC_SERVER=$SYNC_SERVER: radicale or xandikos"
		return 1 ;;
	esac &&
	cat >mkcal.xml <<-\EOF &&
	<?xml version="1.0" encoding="utf-8"?>
	<C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
	  <D:set><D:prop>
	    <D:displayname>calllog</D:displayname>
	    <C:supported-calendar-component-set>
	      <C:comp name="VTODO"/><C:comp name="VJOURNAL"/>
	    </C:supported-calendar-component-set>
	  </D:prop></D:set>
	</C:mkcalendar>
	EOF
	test "$(curl -s -o /dev/null -w "%{http_code}" -X MKCALENDAR \
	    -H "Content-Type: application/xml" --data-binary @mkcal.xml \
	    "$URL")" = 201 &&
	curl -s -X PROPFIND -H "Depth: 0" -H "Content-Type: application/xml" \
	    --data "<?xml version=\"1.0\"?><D:propfind xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\"><D:prop><C:supported-calendar-component-set/></D:prop></D:propfind>" \
	    "$URL" >props.xml &&
	grep -q "name=\"VJOURNAL\"" props.xml &&
	grep -q "name=\"VTODO\"" props.xml
}
