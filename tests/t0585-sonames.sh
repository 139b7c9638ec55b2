#!/bin/sh
# t0585: the libraries calllog opens with dlopen(3) are the ones installed.
# The build writes into the binary the soname of the libnotify and libical
# it found; each must be one the dynamic linker can load here, and the one
# the -dev package now in place would give (a binary built against another
# version fails this, as `remind` and `ical` would fail for its user).

# Before lib.sh moves into the test's directory.
TOP=$(cd "$(dirname "$0")/.." && pwd)

. "$(dirname "$0")/lib.sh"

# Under check-valgrind, $CALLLOG is a wrapper script around the binary.
BIN=${VALGRIND_CALLLOG:-$CALLLOG}
LDCONFIG=$(command -v ldconfig || echo /sbin/ldconfig)

# expected NAME: ./NAME is the one soname of libNAME the binary carries.
expected() {
	grep -a -o -E "lib$1\.so\.[0-9]+" "$BIN" | sort -u >"$1"
	test "$(wc -l <"$1")" -eq 1 && return 0
	echo "expected one soname of lib$1 in $BIN, found:"
	cat "$1"
	return 1
}

# loadable SONAME: the dynamic linker's cache (./cache) has SONAME.
loadable() {
	grep -E "^[[:space:]]$1 \(" cache >/dev/null && return 0
	echo "the build expects $1, which is not installed; the cache has:"
	grep -F "${1%%.so.*}.so" cache
	return 1
}

# found_now PACKAGE NAME: the lib NAME.so of PACKAGE's -dev files has the
# soname in ./NAME.
found_now() {
	_fn_dir=$(pkg-config --variable=libdir "$1") &&
	_fn_now=$(objdump -p "$_fn_dir/lib$2.so" | sed -n "s/^ *SONAME *//p")
	test "$_fn_now" = "$(cat "$2")" && return 0
	echo "built for $(cat "$2"), $_fn_dir/lib$2.so has '$_fn_now'"
	return 1
}

test_expect_success 'the binary names one soname each for libnotify and libical' '
	expected notify &&
	expected ical
'

test_expect_success 'the dynamic linker has each of them' '
	"$LDCONFIG" -p >cache &&
	loadable "$(cat notify)" &&
	loadable "$(cat ical)"
'

if command -v pkg-config >/dev/null 2>&1 &&
    command -v objdump >/dev/null 2>&1; then
	test_expect_success 'they are the sonames of the libraries a build finds now' '
		found_now libnotify notify &&
		found_now libical ical
	'
else
	test_skip "the sonames are those a build finds now" \
	    "pkg-config or objdump (binutils) is not installed"
fi

test_done
