import { DEBIAN_BASE } from '../support/debianBase';

/**
 * The realistic fixture: a Debian base (whose own layer ships 49 MB of apt lists), a builder stage with gcc, and a
 * runtime stage that gets the binary. The PR adds `apt-get install curl` to the runtime stage.
 */
export const HELLO_C = '#include <stdio.h>\nint main(void) { puts("hello"); return 0; }\n';

export const BASE_DOCKERFILE = `FROM ${DEBIAN_BASE} AS builder
RUN apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev
WORKDIR /src
COPY src/ .
RUN gcc -O2 -o /hello hello.c

FROM ${DEBIAN_BASE} AS runtime
ENV APP_HOME=/app
COPY --from=builder /hello /usr/local/bin/hello
CMD ["hello"]
`;

/**
 * The RUN the PR adds. `run` makes it new to the engine on every test run (the engine keeps the cache of the last
 * run), so it always misses the cache as a PR's new RUN does.
 */
export const curlRun = (run: string): string => `RUN apt-get update && apt-get install -y --no-install-recommends curl \\\n    && rm -rf /var/lib/apt/lists/* && true ${run}\n`;

export const prDockerfile = (run: string): string => BASE_DOCKERFILE.replace('COPY --from=builder', `${curlRun(run)}COPY --from=builder`);

export const PR_DOCKERFILE = prDockerfile('example');

/** The line of the RUN the PR adds. */
export const CURL_LINE = PR_DOCKERFILE.split('\n').findIndex(l => l.startsWith('RUN apt-get update && apt-get install -y --no-install-recommends curl')) + 1;
