#!/bin/sh
# embed-text.sh: a text file as a C string, so that the binary carries its
# data (the shipped directory) and no installed copy can disagree with it.
# usage: embed-text.sh NAME FILE > out.c
set -eu
printf '/* Generated from %s by tools/embed-text.sh; do not edit. */\n' "$2"
printf 'const char %s[] =\n' "$1"
sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/\t/\\t/g' \
    -e 's/^/    "/' -e 's/$/\\n"/' "$2"
printf '    "";\n'
