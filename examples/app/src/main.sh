#!/bin/sh
# The example service: prints its dependencies, or answers a health check.
if [ "$1" = "--health" ]; then exit 0; fi
echo "app running with: $(ls /app/deps | tr '\n' ' ')"
