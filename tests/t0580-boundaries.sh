#!/bin/sh
# t0580: the build keeps the module boundaries.  Only the storage files
# include <sqlite3.h> and only the calendar module (ical*.c) libical (both sit in the default
# include path, so only this check stops a stray include); only notify.c,
# config.c, sha256.c and mailmsg.c (GMime's flags bring GLib's) are
# compiled with GLib's flags (mediatype.c alone includes libmagic,
# bundle.c alone libarchive, mailmsg.c alone GMime), so GLib or libnotify
# anywhere else does not build; a package pkg-config cannot find stops the
# build, named; and the unit tests are rebuilt when a header they include
# changes.

# Before lib.sh moves into the test's directory.
TOP=$(cd "$(dirname "$0")/.." && pwd)

. "$(dirname "$0")/lib.sh"

# includers REGEX: the files under src/ and include/ with an #include
# line matching REGEX, one a line, relative to the tree.
includers() {
	(cd "$TOP" && grep -l -E "^[[:space:]]*#[[:space:]]*include[[:space:]]*[<\"]($1)" \
	    src/*.c src/*.h include/*.h tests/unit/*.c 2>/dev/null) | sort
}

# only_in REGEX PATTERN...: the includers of REGEX are all matched by one
# of the case patterns; the others are named.
only_in() {
	_oi_re=$1
	shift
	includers "$_oi_re" >includers
	_oi_bad=
	while read -r _oi_f; do
		_oi_ok=
		for _oi_p in "$@"; do
			case $_oi_f in
			$_oi_p) _oi_ok=y ;;
			esac
		done
		test -n "$_oi_ok" || _oi_bad="$_oi_bad $_oi_f"
	done <includers
	test -z "$_oi_bad" && return 0
	echo "$_oi_re included outside $*:$_oi_bad"
	return 1
}

# make_n ARG...: make -n in the tree, building into this test's directory,
# with nothing inherited from a make that may be running the tests.
make_n() {
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u MAKEOVERRIDES \
	    make -C "$TOP" -n BUILD="$TRASH/b" "$@"
}

# build ARG...: make in the tree, building into this test's directory.
build() {
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u MAKEOVERRIDES \
	    make -C "$TOP" BUILD="$TRASH/b" "$@" >build.out 2>&1 && return 0
	echo "make $* failed:"
	tail -n 20 build.out
	return 1
}

# check_make_err TEXT: make's ./err has TEXT.
check_make_err() {
	grep -F -e "$1" err >/dev/null && return 0
	echo "expected make to say '$1'"
	test_show_file stderr err
	return 1
}

test_expect_success 'only the storage files include <sqlite3.h>' '
	only_in "sqlite3\.h" "src/store*" &&
	includers "sqlite3\.h" >found &&
	grep -x src/store_int.h found
'

test_expect_success 'only the calendar module (ical*.c) includes libical' '
	only_in "libical/|ical\.h>" src/ical.c "src/ical_item*.c" src/ical_int.h &&
	includers "libical/" >found &&
	grep -x src/ical_int.h found
'

test_expect_success 'only notify.c includes libnotify, only it, config.c and sha256.c GLib' '
	only_in "libnotify/" src/notify.c &&
	only_in "glib|gio/|gobject/" src/config.c src/notify.c src/sha256.c
'

test_expect_success 'only mediatype.c includes libmagic, only bundle.c libarchive' '
	only_in "magic\\.h" src/mediatype.c &&
	only_in "archive(_entry)?\\.h" src/bundle.c
'

test_expect_success 'only mailmsg*.c include GMime, and only they are built with its flags' '
	only_in "gmime/" "src/mailmsg*" &&
	for src in "$TOP"/src/*.c; do
		m=$(basename "$src" .c) &&
		make_n -B "$TRASH/b/$m.o" >cmd 2>&1 || {
			cat cmd; return 1; } &&
		if test "$m" = mailmsg || test "$m" = mailmsg_part; then
			grep -F -e "gmime-3.0" cmd >/dev/null || {
				echo "$m.o is built without GMime:"; cat cmd
				return 1; }
		elif grep -F -e "gmime-3.0" cmd >/dev/null; then
			echo "$m.o is built with GMime:"; cat cmd
			return 1
		fi || return 1
	done
'

test_expect_success 'only notify.c, config.c, sha256.c and mailmsg*.c are compiled with GLib flags' '
	for src in "$TOP"/src/*.c; do
		m=$(basename "$src" .c) &&
		make_n -B "$TRASH/b/$m.o" >cmd 2>&1 || {
			cat cmd; return 1; } &&
		case $m in
		notify|config|sha256|mailmsg|mailmsg_part)
			grep -F -e "glib-2.0" cmd >/dev/null || {
				echo "$m.o is built without GLib:"; cat cmd
				return 1; } ;;
		*)
			if grep -F -e "glib-2.0" cmd >/dev/null; then
				echo "$m.o is built with GLib:"; cat cmd
				return 1
			fi ;;
		esac || return 1
	done
'

test_expect_success 'a package pkg-config cannot find stops the build, named' '
	! PKG_CONFIG_LIBDIR=$TRASH/nothing make_n -B "$TRASH/b/config.o" \
	    >out 2>err &&
	check_make_err "pkg-config cannot find glib-2.0" &&
	out_lacks "config.c"
'

test_expect_success 'a unit test is rebuilt when a header it includes changes' '
	build "$TRASH/b/tests/test_when" &&
	make_n "$TRASH/b/tests/test_when" >out 2>&1 &&
	out_lacks "test_when.c" &&
	make_n -W tests/unit/tap.h "$TRASH/b/tests/test_when" >out 2>&1 &&
	out_contains "tests/unit/test_when.c" &&
	make_n -W include/when.h "$TRASH/b/tests/test_when" >out 2>&1 &&
	out_contains "tests/unit/test_when.c"
'

test_done
