#!/bin/sh
# embed-sql.sh: turn schema/NNN_name.sql into C, so the binary carries its
# own migrations and never depends on files beside it.
# usage: embed-sql.sh schema/001_a.sql schema/002_b.sql ... > migrations.c
set -eu

printf '/* Generated from schema/NNN_name.sql by tools/embed-sql.sh; do not edit. */\n'
printf '#include "migrations.h"\n\nconst struct migration migrations[] = {\n'
n=0
for f in "$@"; do
	base=$(basename "$f" .sql)
	version=$(printf '%s' "$base" | sed 's/_.*//; s/^0*//')
	n=$((n + 1))
	if [ "$version" -ne "$n" ]; then
		echo "embed-sql.sh: $f: expected migration $n" >&2
		exit 1
	fi
	printf '\t{ %d, "%s",\n' "$version" "$base"
	# Escape backslashes and quotes; keep one C string line per SQL line.
	sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/\t/\\t/g' \
	    -e 's/^/\t    "/' -e 's/$/\\n"/' "$f"
	printf '\t},\n'
done
printf '};\n\nconst int migrations_count = %d;\n' "$n"
