#!/bin/sh
# t0711: t0710's two devices, through Xandikos instead of Radicale, so
# that two CalDAV servers are proven, not one (they differ in how they
# store items, report changes and answer a PUT).
SYNC_SERVER=xandikos
export SYNC_SERVER
. "$(dirname "$0")/t0710-sync-devices.sh"
