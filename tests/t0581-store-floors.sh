#!/bin/sh
# t0581: the store is built in floors (src/store_int.h says which): each
# store file uses only files beneath it, so none calls back up into one
# that calls it, and store_base.c, which every other builds on, uses none.
# The arrows are read by tools/house.py from the objects' own symbols, so
# they are the calls the linker resolves, not what a header declares.
# The store's objects are built here, unoptimized (the symbols a file
# defines and uses do not depend on it), so the check never reads stale
# ones left by another build.

# Before lib.sh moves into the test's directory.
TOP=$(cd "$(dirname "$0")/.." && pwd)

. "$(dirname "$0")/lib.sh"

# build_store: make the store's objects in b/, or say why not.
build_store() {
	_bs_objs=
	for _bs_src in "$TOP"/src/store*.c; do
		_bs_objs="$_bs_objs $TRASH/b/$(basename "$_bs_src" .c).o"
	done
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u MAKEOVERRIDES \
	    make -C "$TOP" BUILD="$TRASH/b" CFLAGS=-O0 $_bs_objs \
	    >build.out 2>&1 && return 0
	echo "make of the store objects failed:"
	tail -n 20 build.out
	return 1
}

# house ARG...: tools/house.py ARG... into house.out, shown when it fails.
house() {
	python3 "$TOP/tools/house.py" "$@" >house.out 2>&1 && return 0
	cat house.out
	return 1
}

test_expect_success 'the store files build on their own' '
	build_store &&
	test -f b/store_base.o
'

test_expect_success 'no cycle among the store files' '
	house b/store*.o
'

test_expect_success 'store_base.c uses no other store file' '
	house --floors b/store*.o &&
	grep -E "^floor +1: (.* )?store_base( |\$)" house.out
'

test_done
