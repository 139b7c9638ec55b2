#!/bin/sh
# t0582: the house has no cycles (issue "One model, declared once"): no
# file of src/ uses, through any chain of calls or data, a file that uses
# it.  tools/house.py reads the graph from the objects the build made
# (nm), beside the binary under test; first it is shown to find a cycle
# where there is one, so that its silence on the house means something.

. "$(dirname "$0")/lib.sh"

ROOT=$(cd "$TEST_DIR/.." && pwd)
OBJDIR=$(dirname "$CALLLOG")
HOUSE=$ROOT/tools/house.py

# The objects of the files src/ holds now (a file removed since the last
# build may leave its object behind), and the embedded data.
house_objects() {
	for _o in "$OBJDIR"/*.o; do
		_n=$(basename "$_o" .o)
		test -f "$ROOT/src/$_n.c" && echo "$_o"
	done
}

test_expect_success 'setup: the objects of the build under test' '
	test -x "$HOUSE" &&
	house_objects >objects &&
	test $(wc -l <objects) -gt 50
'

test_expect_success 'the check finds a cycle of two files' '
	printf "%s\n" "int b(int);" "int a(int n) { return n ? b(n - 1) : 0; }" >a.c &&
	printf "%s\n" "int a(int);" "int b(int n) { return n ? a(n - 1) : 1; }" >b.c &&
	cc -c a.c -o a.o && cc -c b.c -o b.o &&
	expect_exit 1 "$HOUSE" a.o b.o &&
	out_contains "cycle: a b" &&
	out_contains "a -> b: b"
'

test_expect_success 'a chain is no cycle until its last file uses its first' '
	printf "%s\n" "extern int table[];" "int c(void) { return table[0]; }" >c.c &&
	printf "%s\n" "int c(void);" "int b(int n) { return c() + n; }" >b.c &&
	printf "%s\n" "int b(int);" "int a(int n) { return b(n); }" >a.c &&
	printf "%s\n" "int table[] = { 1 };" "int d(void) { return 1; }" >d.c &&
	for f in a b c d; do cc -c $f.c -o $f.o || return 1; done &&
	expect_exit 0 "$HOUSE" a.o b.o c.o d.o &&
	printf "%s\n" "int a(int);" "extern int table[];" "int c(void) { return table[0] + a(0); }" >c.c &&
	cc -c c.c -o c.o &&
	expect_exit 1 "$HOUSE" a.o b.o c.o d.o &&
	out_contains "cycle: a b c"
'

test_expect_success 'the house has no cycle' '
	expect_exit 0 "$HOUSE" --floors $(cat objects) &&
	! grep -q "^cycle" out
'

test_done
