#!/bin/sh
# /usr/bin/stacklens: the installed bundle's executable (both programs: see --help and
# --pos-simulator)
exec /opt/stacklens/StackLens "$@"
