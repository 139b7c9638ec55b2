#!/bin/sh
# t0600: the Debian package.  `make deb` builds calllog_*.deb from a copy
# of the tree (the checkout stays clean); lintian finds no error and no
# warning; the package declares the libraries calllog opens with dlopen(3);
# installed with dpkg -i, /usr/bin/calllog runs and `man -w calllog` finds
# its page; purged, none of its files and no trace of it are left.
#
# It installs into the running system, so it needs root, and it leaves the
# system as it found it: it will not run where a calllog package or a
# /usr/bin/calllog is already there, and it purges what it installed even
# when a test in between fails.

# Before lib.sh moves into the test's directory.
TOP=$(cd "$(dirname "$0")/.." && pwd)

. "$(dirname "$0")/lib.sh"

DEB_DIR=$TRASH/deb

# make_tree ARG...: make in the tree, with nothing inherited from a make
# that may be running the tests, its output in ./make.out.
make_tree() {
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u MAKEOVERRIDES \
	    make -C "$TOP" "$@" >make.out 2>&1 && return 0
	echo "make $* failed:"
	tail -n 40 make.out
	return 1
}

# tree_outputs: where a package build in the checkout would write: debian/
# (debhelper's files) and the parent directory (the .deb and .changes).
tree_outputs() {
	(cd "$TOP" && find debian | sort && ls -d ../calllog_* 2>/dev/null)
	return 0
}

# dpkg_locked ARG...: dpkg, waiting (up to 10 minutes) while another
# apt-get or dpkg holds the database; its output in ./dpkg.out.
dpkg_locked() {
	_dl_tries=0
	while :; do
		dpkg "$@" >dpkg.out 2>&1 && return 0
		grep -q -e "lock" dpkg.out && test "$_dl_tries" -lt 120 || {
			echo "dpkg $* failed:"
			cat dpkg.out
			return 1
		}
		_dl_tries=$((_dl_tries + 1))
		sleep 5
	done
}

# gone: no file of the package (./files, from the .deb) is left, nor a
# trace of it in dpkg's database or systemd's state.
gone() {
	_g_left=
	while read -r _g_f; do
		if test -e "$_g_f" || test -L "$_g_f"; then
			_g_left="$_g_left $_g_f"
		fi
	done <files
	for _g_f in /var/lib/dpkg/info/calllog.* \
	    /var/lib/systemd/deb-systemd-user-helper-enabled/*calllog* \
	    /var/lib/systemd/deb-systemd-helper-enabled/*calllog* \
	    /usr/share/doc/calllog /usr/share/calllog /etc/calllog; do
		if test -e "$_g_f" || test -L "$_g_f"; then
			_g_left="$_g_left $_g_f"
		fi
	done
	test -z "$_g_left" && return 0
	echo "left behind:$_g_left"
	return 1
}

# lint FILE...: lintian finds no error and no warning in FILE...; what it
# says (info and pedantic tags too) is in ./lint.
lint() {
	lintian -I --pedantic --fail-on error,warning "$@" >lint 2>&1 &&
	    return 0
	echo "lintian:"
	cat lint
	return 1
}

missing=
for tool in dpkg-buildpackage dh lintian man make; do
	command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
done
if test -n "$missing"; then
	test_skip "the Debian package" \
	    "SKIP: no$missing (make deps-deb installs them)"
	test_done
fi

test_expect_success 'make deb builds calllog_*.deb from a copy of the tree' '
	tree_outputs >before &&
	make_tree deb DEB_DIR="$DEB_DIR" &&
	ls "$DEB_DIR"/calllog_*_*.deb >debs &&
	test "$(wc -l <debs)" -eq 1 &&
	tree_outputs >after &&
	test_cmp before after
'
DEB=$(cat debs 2>/dev/null)

test_expect_success 'its version is the Makefile'"'"'s' '
	v=$(sed -n "s/^VERSION *= *//p" "$TOP/Makefile") &&
	dpkg-deb -f "$DEB" Version >out &&
	echo "$v" >expect &&
	test_cmp expect out
'

test_expect_success 'lintian: no error and no warning' '
	lint "$DEB" "${DEB%.deb}.buildinfo"
'

test_expect_success 'its copyright file names the licence, MIT (Expat), machine-readably' '
	dpkg-deb -x "$DEB" lic &&
	f=lic/usr/share/doc/calllog/copyright &&
	head -n 1 "$f" | grep -q "^Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/" &&
	sed -n "/^Files: \*\$/,/^\$/p" "$f" | grep -x "License: Expat" &&
	grep -x "License: Expat" "$f" | wc -l >n && test "$(cat n)" -eq 2 &&
	! grep -i "unspecified\|may not be redistributed" "$f" &&
	head -n 1 "$TOP/LICENSE" | grep -x "MIT License"
'

# As dch(1) does: DEBFULLNAME and DEBEMAIL sign the entry when both are
# set; otherwise the committed maintainer stays.
test_expect_success 'the changelog is signed by $DEBFULLNAME <$DEBEMAIL>, else as committed' '
	cp "$TOP/debian/changelog" cl &&
	DEBFULLNAME="Ana Nunez" DEBEMAIL=ana@example.org \
	    sh "$TOP/tools/deb-maintainer.sh" cl &&
	dpkg-parsechangelog -l cl -S Maintainer >out &&
	echo "Ana Nunez <ana@example.org>" >expect &&
	test_cmp expect out &&
	dpkg-parsechangelog -l cl -S Date >d1 &&
	dpkg-parsechangelog -l "$TOP/debian/changelog" -S Date >d2 &&
	test_cmp d2 d1 &&
	cp "$TOP/debian/changelog" cl2 &&
	env -u DEBFULLNAME DEBEMAIL=x@example.org sh "$TOP/tools/deb-maintainer.sh" cl2 &&
	test_cmp "$TOP/debian/changelog" cl2 &&
	cp "$TOP/debian/changelog" cl3 &&
	! DEBFULLNAME="A <b>" DEBEMAIL=c@example.org sh "$TOP/tools/deb-maintainer.sh" cl3 2>err &&
	test_cmp "$TOP/debian/changelog" cl3
'

test_expect_success 'it holds the binary, pages, completions, units and docs' '
	dpkg-deb --fsys-tarfile "$DEB" | tar -tf - |
	    sed -n "s|^\./|/|p" | grep -v "/\$" >files &&
	for f in /usr/bin/calllog /usr/share/man/man1/calllog.1.gz \
	    /usr/share/man/man5/calllog.conf.5.gz \
	    /usr/share/bash-completion/completions/calllog \
	    /usr/share/zsh/vendor-completions/_calllog \
	    /usr/share/fish/vendor_completions.d/calllog.fish \
	    /usr/lib/systemd/user/calllog-remind.service \
	    /usr/lib/systemd/user/calllog-remind.timer \
	    /usr/share/doc/calllog/copyright \
	    /usr/share/doc/calllog/README.md.gz \
	    /usr/share/doc/calllog/calllog.cron; do
		grep -x -F -e "$f" files >/dev/null || {
			echo "the package lacks $f"; cat files; return 1; }
	done
'

# The packages holding the sonames calllog opens must be in Depends.
test_expect_success 'it depends on the libraries calllog opens with dlopen' '
	dpkg-deb -f "$DEB" Depends >depends &&
	dpkg-deb -x "$DEB" root &&
	grep -a -o -E "lib(notify|ical)\.so\.[0-9]+" root/usr/bin/calllog |
	    sort -u >sonames &&
	test "$(wc -l <sonames)" -eq 2 &&
	for s in $(cat sonames); do
		path=$(/sbin/ldconfig -p | sed -n "s/^[[:space:]]$s (.*=> //p" |
		    head -n 1) &&
		pkg=$(dpkg-query -S "$path" 2>/dev/null ||
		    dpkg-query -S "$(readlink -f "$path")") &&
		pkg=${pkg%%:*} &&
		grep -E "(^|, )$pkg( |,|\$)" depends >/dev/null || {
			echo "$s is in $pkg, which Depends lacks: $(cat depends)"
			return 1; }
	done
'

# cron's PATH is /usr/bin:/bin; the packaged line names the packaged binary.
test_expect_success 'the packaged cron line runs /usr/bin/calllog' '
	grep -q " /usr/bin/calllog remind " root/usr/share/doc/calllog/calllog.cron &&
	! grep -q "@BINDIR@" root/usr/share/doc/calllog/calllog.cron
'

if test "$(id -u)" -ne 0; then
	test_skip "install, run, purge" "SKIP: dpkg -i needs root"
	test_done
fi
if dpkg-query -W -f='${db:Status-Status}' calllog 2>/dev/null |
    grep -q -v '^not-installed$\|^$'; then
	test_skip "install, run, purge" \
	    "SKIP: a calllog package is installed here, and this would replace it"
	test_done
fi
if test -e /usr/bin/calllog; then
	test_skip "install, run, purge" \
	    "SKIP: /usr/bin/calllog exists, and the package would overwrite it"
	test_done
fi

# Whatever happens below, the package does not outlive the test.
trap 'dpkg --purge calllog >/dev/null 2>&1; cd / && rm -rf "$TRASH"' EXIT

test_expect_success 'dpkg -i installs it' '
	dpkg_locked -i "$DEB" &&
	dpkg-query -W -f="\${db:Status-Status}\n" calllog >out &&
	echo installed >expect && test_cmp expect out
'

test_expect_success 'the installed calllog runs' '
	expect_exit 0 /usr/bin/calllog --version &&
	grep -x -e "calllog $(dpkg-deb -f "$DEB" Version)" out &&
	expect_exit 0 /usr/bin/calllog --db installed.db add --org amex \
	    --reason billing --title "Skyline charge" &&
	out_contains "opened case 1"
'

test_expect_success 'the installed calllog opens libical (dlopen)' '
	expect_exit 0 /usr/bin/calllog --db installed.db ical &&
	out_contains "BEGIN:VCALENDAR"
'

if grep -rqs "path-exclude=*/usr/share/man" /etc/dpkg/dpkg.cfg /etc/dpkg/dpkg.cfg.d; then
	test_skip "man -w calllog" "SKIP: dpkg here is told not to install manual pages"
else
	test_expect_success 'man -w calllog finds the installed page' '
		man -w calllog >out &&
		echo /usr/share/man/man1/calllog.1.gz >expect &&
		test_cmp expect out
	'
fi

test_expect_success 'dpkg --purge leaves nothing behind' '
	dpkg_locked --purge calllog &&
	! dpkg-query -W -f="\${db:Status-Status}\n" calllog >out 2>&1 &&
	gone
'

test_done
