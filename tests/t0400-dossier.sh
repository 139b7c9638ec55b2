#!/bin/sh
# t0400: `calllog dossier ID`, the record of one case for escalating it, as
# text, Markdown and printable HTML: an escalated billing dispute over five
# calls with one promise broken and one kept, an organization and notes full
# of characters that each format must escape, the HTML checked by two
# parsers and printed to PDF by headless Chromium when it is installed.

. "$(dirname "$0")/lib.sh"

ORG='Bank <&> "Co" Ünïcode'
NOTE1="Said the <script>alert(1)</script> merchant & \"Skyline\" had 10 days.${LF}Second line: *not* _emphasis_ | pipe${LF}# not a heading"
NOTE2="Three calls, no credit.${LF}Promise of 20 November not kept."
STATEMENT='Between 17 November 2026 and 27 November 2026 I contacted Bank <&> "Co" Ünïcode 5 times'

# at TIME: the clock reads TIME in New York (EST: UTC-5 in November).
at() {
	CALLLOG_NOW=$(TZ=UTC0 date -d "TZ=\"America/New_York\" $1" \
	    +%Y-%m-%dT%H:%M:%SZ)
}

# html-check.py FILE STRING...: FILE is one well-formed document (XML and
# HTML parsers agree), self-contained (no script, no element that loads
# anything, no URL), and each STRING is in its text as a reader sees it.
cat >html-check.py <<'EOF'
import re, sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

raw = open(sys.argv[1], encoding="utf-8").read()
problems = []
if not raw.startswith("<!DOCTYPE html>\n"):
    problems.append("does not start with <!DOCTYPE html>")
try:
    root = ET.fromstring(raw)
    if root.tag != "html":
        problems.append("root element is %r" % root.tag)
except ET.ParseError as e:
    problems.append("not well-formed: %s" % e)

class Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.attrs, self.text, self.stack = [], [], [], []
    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += attrs
        self.stack.append(tag)
    def handle_endtag(self, tag):
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()
    def handle_data(self, data):
        if "style" not in self.stack and "title" not in self.stack:
            self.text.append(data)

r = Reader()
r.feed(raw)
r.close()
loaders = {"script", "link", "img", "iframe", "object", "embed", "base",
           "audio", "video", "source", "picture", "form", "svg"}
for tag in sorted(loaders & set(r.tags)):
    problems.append("has a <%s> element" % tag)
if r.tags.count("style") != 1:
    problems.append("%d <style> elements" % r.tags.count("style"))
if ("charset", "utf-8") not in r.attrs:
    problems.append("no <meta charset=\"utf-8\">")
if r.tags.count("title") != 1:
    problems.append("no <title>")
for name, value in r.attrs:
    if name in ("src", "href", "srcset", "action") or name.startswith("on"):
        problems.append("attribute %s=%r" % (name, value))
for word in ("http:", "https:", "//", "url(", "@import"):
    if word in raw:
        problems.append("mentions %r" % word)
text = "".join(r.text)
for want in sys.argv[2:]:
    if want not in text:
        problems.append("text lacks %r" % want)
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
EOF

# squash FILE: FILE with runs of blanks and newlines as one space.
squash() {
	tr -s ' \n\t' '   ' <"$1"
}

test_expect_success 'setup: an escalated billing dispute over five calls' '
	at "2026-11-17 10:00" &&
	expect_exit 0 cl add --org "$ORG" --reason dispute \
		--title "Skyline Tickets charge" --account 1234 \
		--number 1-800-528-2122 --ivr "0, \"representative\"" \
		--rep "Dana (ID 4471)" --ref DSP-20931 --hold 18m \
		--duration 34m --outcome follow-up \
		--promise "temporary credit while they investigate" \
		--promised-by 2026-11-20 --note "$NOTE1" &&
	at "2026-11-19 11:30" &&
	expect_exit 0 cl add --case 1 --rep Marco --department Disputes \
		--ref CR-55120 --ref DSP-20931 --hold 31m --duration 45m \
		--outcome transferred --note "line dropped after transfer" &&
	at "2026-11-23 09:10" &&
	expect_exit 0 cl add --case 1 --rep "Priya, disputes" --ref dsp-20931 \
		--hold 12m --duration 26m --outcome follow-up &&
	at "2026-11-24 10:00" &&
	expect_exit 0 cl escalate 1 --note "$NOTE2" &&
	at "2026-11-24 15:00" &&
	expect_exit 0 cl add --case 1 --rep "Supervisor Lee (ID 9120)" \
		--ref ESC-7781 --hold 9m --duration 22m --outcome follow-up \
		--promise "refund of \$212.40 to the card" \
		--promised-by 2026-11-30 &&
	expect_exit 0 cl add --org Chase --reason account --promise "call back"
'

test_expect_success 'before the deadline: the refund is open, the first promise broken' '
	at "2026-11-26 10:00" &&
	expect_exit 0 cl dossier 1 &&
	grep -E "^  broken +temporary credit while they investigate\$" out &&
	grep -E "^  open +refund of \\\$212.40 to the card\$" out &&
	out_contains "2: 1 broken, 1 open" &&
	squash out >flat &&
	grep -F "matter remains unresolved, 9 days after I first raised it" flat &&
	grep -F "I ask that the matter be resolved, that the promises made to me be honoured" flat
'

test_expect_success 'after the resolving call: one promise kept, one broken' '
	at "2026-11-27 12:00" &&
	expect_exit 0 cl add --case 1 --rep Lee --outcome resolved \
		--duration 5m --note "Refund posted." &&
	at "2026-12-02 10:00" &&
	expect_exit 0 cl dossier 1 &&
	grep -E "^  broken +temporary credit while they investigate\$" out &&
	grep -E "^  kept +refund of \\\$212.40 to the card\$" out &&
	out_contains "case resolved 2026-11-27 12:00 EST" &&
	out_contains "2: 1 kept, 1 broken"
'

test_expect_success 'text: the summary figures, times with their zone' '
	expect_exit 0 cl dossier 1 &&
	test_must_be_empty err &&
	grep -E "^  Organization +Bank <&> \"Co\" Ünïcode\$" out &&
	grep -E "^  Calls +5\$" out &&
	grep -E "^  Total on hold +1h10m \\(recorded on 4 of 5 calls\\)\$" out &&
	grep -E "^  Total on the phone +2h12m\$" out &&
	grep -E "^  Escalation level +supervisor\$" out &&
	grep -E "^  Status +resolved on 2026-11-27 12:00 EST\$" out &&
	grep -E "^  Account ending +1234\$" out &&
	out_contains "2026-11-17 10:00 EST (America/New_York)" &&
	out_contains "Times are in America/New_York." &&
	grep -E "^  2026-11-19 11:30 EST +Call 2, phone: transferred\$" out &&
	grep -E "^  2026-11-24 10:00 EST +Escalated to a supervisor\$" out
'

test_expect_success 'text: every reference, once, in first-seen order' '
	expect_exit 0 cl dossier 1 &&
	sed -n "/^Reference numbers/,/^Escalation history/p" out >refs &&
	grep -E "^  (DSP|CR|ESC|dsp)" refs | cut -c3- | cut -d" " -f1 >got &&
	printf "%s\n" DSP-20931 CR-55120 ESC-7781 >want &&
	test_cmp want got
'

test_expect_success 'text: the statement, built from the record' '
	expect_exit 0 cl dossier 1 &&
	squash out >flat &&
	grep -F "$STATEMENT about a billing inquiry or dispute" flat &&
	grep -F "(references DSP-20931, CR-55120, ESC-7781)" flat &&
	grep -F "spending 2h12m on the phone, 1h10m of it on hold." flat &&
	grep -F "On 17 November, Dana (ID 4471) promised “temporary credit while they investigate” by 20 November; on that date the matter was still unresolved." flat &&
	grep -F "The case was escalated to a supervisor on 24 November." flat &&
	grep -F "The matter was resolved on 27 November 2026." flat
'

test_expect_success 'text: notes keep their lines, the escalation its note' '
	expect_exit 0 cl dossier 1 &&
	grep -E "^      Notes +Said the <script>alert\\(1\\)</script> merchant & \"Skyline\"" out &&
	grep -E "^ +Second line: \\*not\\* _emphasis_ \\| pipe\$" out &&
	grep -E "^ +# not a heading\$" out &&
	grep -E "^ +Promise of 20 November not kept\\.\$" out
'

test_expect_success 'text: no line is wider than 78 columns' '
	expect_exit 0 cl dossier 1 &&
	/usr/bin/python3 -c "
import sys
wide = [l for l in open(\"out\", encoding=\"utf-8\").read().split(\"\\n\")
        if len(l) > 78]
print(\"\\n\".join(wide))
sys.exit(1 if wide else 0)"
'

test_expect_success 'TZ names the zone and shifts the times' '
	TZ=Europe/Paris cl dossier 1 >out 2>err &&
	out_contains "2026-11-17 16:00 CET (Europe/Paris)" &&
	out_contains "Times are in Europe/Paris."
'

test_expect_success 'a promise without a deadline, a case without refs' '
	expect_exit 0 cl dossier 2 &&
	grep -E "^  no deadline +call back\$" out &&
	out_contains "(none was given)" &&
	out_contains "(not escalated)" &&
	squash out >flat &&
	grep -F "the representative promised “call back”." flat
'

test_expect_success 'markdown: user text escaped, notes as block quotes' '
	expect_exit 0 cl dossier 1 --format md &&
	out_contains "# Record of case 1: Skyline Tickets charge" &&
	out_contains "- **Organization:** Bank &lt;&> &quot;Co&quot; Ünïcode" &&
	out_contains "    > Said the &lt;script>alert(1)&lt;/script> merchant & &quot;Skyline&quot; had 10 days." &&
	out_contains "    > Second line: \\*not\\* \\_emphasis\\_ &#124; pipe" &&
	out_contains "    > \\# not a heading" &&
	out_contains "> Three calls, no credit." &&
	! grep -E "(^|[^\\\\])<script" out &&
	out_contains "- **broken:** temporary credit while they investigate — made 2026-11-17 10:00 EST, call 1, Dana (ID 4471); due 2026-11-20" &&
	out_contains "- **kept:** refund of \$212.40 to the card — made" &&
	out_contains "Times are in America/New_York." &&
	test $(grep -c "^- \\*\\*DSP-20931\\*\\*: call 1" out) = 1 &&
	! grep -i "^- \\*\\*dsp-20931\\*\\*: call 3" out
'

# The same Markdown must read the same wherever it is pasted: no hard line
# break (python-markdown has no backslash break, and two trailing spaces
# do not survive a copy), no table (cmark and python-markdown read none).
test_expect_success 'markdown: no hard line break, no table' '
	expect_exit 0 cl dossier 1 --format md &&
	! grep -n "\\\\\$" out &&
	! grep -n "  \$" out &&
	! grep -n "^ *|" out
'

# blocks.py HTML: the blocks of a rendered page, one a line: the nesting
# of lists, quotes and headings, then the block's text as a reader sees it
# (blanks squashed).  Paragraphs inside a list item count as the item: the
# renderers differ in when they write <p> there, not in what is shown.
cat >blocks.py <<'EOF'
import re, sys
from html.parser import HTMLParser

BLOCK = {"p", "li", "ul", "ol", "blockquote", "h1", "h2", "h3", "h4", "h5",
         "h6", "hr", "pre", "table", "tr", "td", "th", "dl", "dt", "dd",
         "div"}

class Blocks(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.text, self.out = [], [], []
    def flush(self):
        t = re.sub(r"\s+", " ", "".join(self.text)).strip()
        if t:
            path = ">".join(x for x in self.stack if x != "p") or "p"
            self.out.append("%s: %s" % (path, t))
        self.text = []
    def handle_starttag(self, tag, attrs):
        if tag in BLOCK:
            self.flush()
            if tag == "hr":
                self.out.append("hr")
            else:
                self.stack.append(tag)
    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in BLOCK and tag != "hr":
            self.stack.pop()
    def handle_endtag(self, tag):
        if tag in BLOCK and tag != "hr":
            self.flush()
            while self.stack:
                if self.stack.pop() == tag:
                    break
    def handle_data(self, data):
        self.text.append(data)

b = Blocks()
b.feed(open(sys.argv[1], encoding="utf-8").read())
b.close()
b.flush()
print("\n".join(b.out))
EOF

# render.sh MD: the three renderings of MD as blocks, in py.blocks,
# pandoc.blocks and cmark.blocks; fails when they differ.
cat >render.sh <<'EOF'
/usr/bin/python3 -m markdown "$1" >py.html &&
pandoc -f markdown -t html "$1" >pandoc.html &&
cmark "$1" >cmark.html &&
for r in py pandoc cmark; do
	/usr/bin/python3 blocks.py $r.html >$r.blocks || exit 1
done &&
test -s cmark.blocks &&
diff -u cmark.blocks py.blocks &&
diff -u cmark.blocks pandoc.blocks
EOF

md_tools_missing=
/usr/bin/python3 -c "import markdown" 2>/dev/null ||
    md_tools_missing="python3-markdown"
for tool in pandoc cmark; do
	command -v $tool >/dev/null 2>&1 ||
	    md_tools_missing="$md_tools_missing $tool"
done

if test -n "$md_tools_missing"; then
	test_skip 'markdown: python-markdown, pandoc and cmark render it alike' \
	    "missing:$md_tools_missing ('sh contrib/install-deps test' installs them)"
else
	test_expect_success 'markdown: python-markdown, pandoc and cmark render it alike' '
		expect_exit 0 cl dossier 1 --format md &&
		cp out d1.md &&
		sh render.sh d1.md &&
		grep -x "h1: Record of case 1: Skyline Tickets charge" cmark.blocks &&
		grep -F "ul>li>blockquote: Said the <script>alert(1)</script> merchant & \"Skyline\" had 10 days." cmark.blocks &&
		grep -x "ul>li>blockquote: Second line: \\*not\\* _emphasis_ | pipe" cmark.blocks &&
		grep -x "ul>li>blockquote: # not a heading" cmark.blocks &&
		grep -x "ul>li: broken: temporary credit while they investigate — made 2026-11-17 10:00 EST, call 1, Dana (ID 4471); due 2026-11-20" cmark.blocks &&
		grep -x "ul>li: Organization: Bank <&> \"Co\" Ünïcode" cmark.blocks &&
		grep -x "p: Prepared 2026-12-02 10:00 EST. Times are in America/New_York." cmark.blocks
	'

	# Text that each renderer would read its own way: pandoc curls quotes,
	# makes dashes and ellipses, reads "a." as a list, "$x$" as math,
	# "~x~" and "^x^" as sub- and superscript, ": x" as a definition; the
	# others do not unescape "\<" or "\|".
	test_expect_success 'markdown: hostile text renders alike in all three' '
		expect_exit 0 cl add --org "Acme & Sons <ltd>" --new-org \
		    --reason general --title "it'"'"'s \"quoted\" -- a... {x} [y](z) #1" \
		    --rep "Ann O'"'"'Neil | 2^10^ ~sub~ \$x\$" \
		    --ref "R|1" --note "a. first${LF}iv) second${LF}(b) third${LF}: definition${LF}::: div${LF}1986. A year${LF}- dash${LF}+ plus${LF}> quote${LF}    indented code?${LF}trailing  ${LF}${LF}${LF}after blanks \\ backslash \`code\` <b>bold</b> &amp; &#65; *a* _b_ ~~s~~ \$5 and \$6 http://x.example/ a@b.c" &&
		case=$(sed -n "s/^opened case \\([0-9]*\\).*/\\1/p" out) &&
		expect_exit 0 cl dossier "$case" --format md &&
		cp out d2.md &&
		! grep -n "\\\\\$" d2.md &&
		sh render.sh d2.md &&
		grep -x "ul>li>blockquote: a. first" cmark.blocks &&
		grep -x "ul>li>blockquote: : definition" cmark.blocks &&
		grep -x "ul>li>blockquote: after blanks \\\\ backslash \`code\` <b>bold</b> &amp; &#65; \\*a\\* _b_ ~~s~~ \\\$5 and \\\$6 http://x.example/ a@b.c" cmark.blocks &&
		grep -x "h1: Record of case $case: it'"'"'s \"quoted\" -- a... {x} \\[y\\](z) #1" cmark.blocks &&
		grep -x "ul>li: Representative: Ann O'"'"'Neil | 2^10^ ~sub~ \\\$x\\\$" cmark.blocks
	'
fi

test_expect_success 'html: well-formed, self-contained, text as written' '
	expect_exit 0 cl dossier 1 --format html &&
	cp out d.html &&
	/usr/bin/python3 html-check.py d.html "$ORG" \
		"Said the <script>alert(1)</script> merchant & \"Skyline\" had 10 days.${LF}Second line" \
		"$NOTE2" "DSP-20931" "CR-55120" "ESC-7781" "$STATEMENT" \
		"2026-11-17 10:00 EST (America/New_York)" "broken" "kept" &&
	out_contains "Bank &lt;&amp;&gt; &quot;Co&quot; Ünïcode" &&
	out_contains "Said the &lt;script&gt;alert(1)&lt;/script&gt;" &&
	! grep -i "<script" out
'

test_expect_success 'html: the page footer escapes the organization for CSS' '
	expect_exit 0 cl dossier 1 --format html &&
	out_contains "content:\"Record of case 1 \\b7  Bank \\3c \\26 \\3e  \\22 Co\\22  Ünïcode\"}"
'

test_expect_success '-o x.html: html inferred, written 0600' '
	expect_exit 0 cl dossier 1 -o x.html &&
	test_must_be_empty out &&
	test_must_be_empty err &&
	mode_is 600 x.html &&
	head -n 1 x.html >first &&
	echo "<!DOCTYPE html>" >want &&
	test_cmp want first &&
	/usr/bin/python3 html-check.py x.html "$ORG"
'

test_expect_success '-o replaces a file atomically, and makes it 0600' '
	echo old >y.md &&
	chmod 644 y.md &&
	expect_exit 0 cl dossier 1 -o y.md &&
	mode_is 600 y.md &&
	grep -F -e "- **Organization:** Bank &lt;&>" y.md &&
	expect_exit 0 cl dossier 1 -o y.md --format txt &&
	grep -E "^  Organization +Bank <&>" y.md &&
	expect_exit 0 cl dossier 1 -o z &&
	grep -E "^Record of case 1" z &&
	! ls -a | grep -E "^(x\\.html|y\\.md|z)\\."
'

# Written in place, a dossier would also change every other name of the
# old file; replaced by a rename, a hard link keeps the old text.
test_expect_success '-o replaces the file by renaming: a hard link keeps the old text' '
	echo "an old dossier" >w.txt &&
	ln w.txt w-link &&
	expect_exit 0 cl dossier 1 -o w.txt &&
	grep -E "^Record of case 1" w.txt &&
	test "$(cat w-link)" = "an old dossier"
'

test_expect_success 'an unknown case fails (1), one line, nothing written' '
	expect_exit 1 cl dossier 99 -o none.html &&
	check_err_line "no case 99" &&
	test_path_is_missing none.html
'

test_expect_success 'bad input is a usage error (2)' '
	expect_exit 2 cl dossier one &&
	check_err_line "case" &&
	expect_exit 2 cl dossier 1 --format pdf &&
	check_err_line "unknown format '"'"'pdf'"'"'" &&
	expect_exit 2 cl dossier 1 -o record.pdf &&
	check_err_line "give --format html, md or txt" &&
	test_path_is_missing record.pdf &&
	expect_exit 2 cl dossier &&
	expect_exit 2 cl dossier 1 2
'

test_expect_success 'a file that cannot be written fails (1)' '
	expect_exit 1 cl dossier 1 -o no-such-dir/d.html &&
	check_err_line "no-such-dir/d.html"
'

# Chromium prints the HTML to PDF as a person would; its text must hold the
# organization, the references and the statement.
CHROMIUM=$(command -v chromium || command -v chromium-browser) || CHROMIUM=
if test -n "$CHROMIUM" && command -v pdftotext >/dev/null 2>&1; then
	test_expect_success 'html printed to PDF by headless Chromium reads right' '
		expect_exit 0 cl dossier 1 -o d.html &&
		timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
			--disable-quic --no-first-run \
			--disable-background-networking \
			--disable-component-update --disable-sync \
			--no-pdf-header-footer \
			--user-data-dir="$TRASH/chrome" \
			--print-to-pdf="$TRASH/d.pdf" "file://$TRASH/d.html" \
			>chrome.log 2>&1 &&
		test_path_is_file d.pdf &&
		pdftotext -enc UTF-8 d.pdf d.txt &&
		squash d.txt >flat &&
		grep -F "$ORG" flat &&
		grep -F "DSP-20931" flat &&
		grep -F "ESC-7781" flat &&
		grep -F "$STATEMENT" flat &&
		grep -F "Record of case 1 · $ORG" flat &&
		grep -F "Page 1 of" flat
	'
else
	test_skip 'html printed to PDF by headless Chromium reads right' \
	    "chromium or pdftotext (Debian: chromium, poppler-utils) missing"
fi

test_done
