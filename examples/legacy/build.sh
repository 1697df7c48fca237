#!/bin/sh
# Builds the legacy service in place (and leaves the toolchain behind in the image).
mkdir -p /app/out
printf '#!/bin/sh\necho legacy service\n' > /app/out/run.sh
chmod 755 /app/out/run.sh
