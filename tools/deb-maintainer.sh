#!/bin/sh
# deb-maintainer.sh CHANGELOG: sign the newest entry of a Debian changelog
# with $DEBFULLNAME <$DEBEMAIL>, the variables dch(1) reads, when both are
# set; the entry is otherwise left as committed.  Only the copy that
# `make deb` builds from is changed, never the checkout's.
set -eu
file=$1
[ -n "${DEBFULLNAME:-}" ] && [ -n "${DEBEMAIL:-}" ] || exit 0
case "$DEBFULLNAME$DEBEMAIL" in
*'<'*|*'>'*|*'
'*) echo "deb-maintainer.sh: DEBFULLNAME or DEBEMAIL holds '<', '>' or a line break" >&2; exit 2 ;;
esac
# The first trailer line (" -- NAME <EMAIL>  DATE") is the newest entry's.
awk -v who="$DEBFULLNAME <$DEBEMAIL>" '
	!done && /^ -- / {
		i = index($0, ">  ")
		if (i == 0) { print "deb-maintainer.sh: no trailer line" > "/dev/stderr"; exit 2 }
		print " -- " who substr($0, i + 1); done = 1; next
	}
	{ print }
	END { if (!done) { print "deb-maintainer.sh: no trailer line" > "/dev/stderr"; exit 2 } }
' "$file" >"$file.new"
mv "$file.new" "$file"
