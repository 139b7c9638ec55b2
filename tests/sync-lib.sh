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

# free_port: a loopback port that nothing listens on now.
free_port() {
	/usr/bin/python3 -c 'import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# listens PID PORT: process PID itself listens on PORT.  Test files run in
# parallel: another's server may take the port between free_port and the
# bind, and then the port answers, but not from this test's server.
listens() {
	/usr/bin/python3 - "$1" "$2" <<-\EOF
	import os, sys
	pid, port = sys.argv[1], int(sys.argv[2])
	socks = set()
	for line in open("/proc/net/tcp").readlines()[1:]:
	    f = line.split()
	    if f[3] == "0A" and int(f[1].split(":")[1], 16) == port:
	        socks.add("socket:[%s]" % f[9])
	try:
	    fds = os.listdir("/proc/%s/fd" % pid)
	except OSError:
	    sys.exit(1)
	for fd in fds:
	    try:
	        if os.readlink("/proc/%s/fd/%s" % (pid, fd)) in socks:
	            sys.exit(0)
	    except OSError:
	        pass
	sys.exit(1)
	EOF
}

# serve NAME RUN: start a server, RUN (a function that execs it on $PORT),
# on a free port; its pid in NAME.pid, its output in NAME.log.  Returns
# once the server listens; one that lost its port to another process is
# stopped and started again on another port.
serve() {
	_sv_try=0
	while test $_sv_try -lt 5; do
		_sv_try=$((_sv_try + 1))
		PORT=$(free_port) || return 1
		{ "$2" >"$1.log" 2>&1 & }
		_sv_pid=$!
		echo $_sv_pid >"$1.pid"
		_sv_n=0
		while test $_sv_n -lt 150 && kill -0 $_sv_pid 2>/dev/null; do
			listens $_sv_pid "$PORT" && return 0
			_sv_n=$((_sv_n + 1))
			sleep 0.1
		done
		kill $_sv_pid 2>/dev/null
		wait $_sv_pid 2>/dev/null
		rm -f "$1.pid"
	done
	echo "$1 never listened on a port of its own:"
	cat "$1.log"
	return 1
}

# radicale_start: a Radicale server on a free loopback port, no
# authentication, its collections in $TRASH/rad, and the principal
# collection /user/ made; sets PORT, and rad.pid for radicale_stop (the
# caller's trap kills it too).  Returns once it answers.
radicale_start() {
	mkdir -p rad &&
	serve rad radicale_run_ &&
	test "$(curl -s -o /dev/null -w "%{http_code}" -X MKCOL \
	    "http://127.0.0.1:$PORT/user/")" = 201
}

radicale_run_() {
	printf "%s\n" "[server]" "hosts = 127.0.0.1:$PORT" "[storage]" \
	    "filesystem_folder = $TRASH/rad/collections" "[auth]" \
	    "type = none" "[web]" "type = none" "[logging]" \
	    "level = warning" >rad/config &&
	exec radicale --config rad/config
}

# radicale_stop: returns once the server is gone and its port free.
radicale_stop() {
	_rs_pid=$(cat "$TRASH/rad.pid") && kill "$_rs_pid" &&
	rm "$TRASH/rad.pid" &&
	_rs_n=0 && while kill -0 "$_rs_pid" 2>/dev/null; do
		_rs_n=$((_rs_n + 1)) && test $_rs_n -lt 100 || return 1
		sleep 0.05
	done
}

# A Radicale this script started stops when the script ends, not in a test.
test_at_exit 'test ! -f "$TRASH/rad.pid" || radicale_stop'

# xandikos_start: a Xandikos server on a free loopback port, serving
# $TRASH/xand (calendars made on first use); PORT is set.
xandikos_start() {
	serve xand xandikos_run_
}

xandikos_run_() {
	exec xandikos -d "$TRASH/xand" --autocreate -l 127.0.0.1 -p "$PORT"
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
