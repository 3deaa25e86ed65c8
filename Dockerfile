# syntax=docker/dockerfile:1
# todo-api in a container: built with the project's Rust toolchain, run from a small image
# with only the binary, as a non-root user. See docs/deployment.md; compose.yaml uses it.
#   docker build -t todo-api .
#   docker run -p 8080:8080 -v todo-data:/data todo-api          # SQLite in the volume
# CI lints this file with hadolint (scripts/lint-deploy); no Docker engine runs there.

FROM rust:1.95.0-slim-bookworm AS builder
WORKDIR /src
# Only what the build reads (.dockerignore keeps the rest out of the context).
COPY Cargo.toml Cargo.lock openapi.yaml ./
# The SQLite build options (LIBSQLITE3_FLAGS, ADR 0032).
COPY .cargo ./.cargo
COPY migrations ./migrations
COPY generated ./generated
COPY server-impl ./server-impl
# The commit named by the todo_api_build_info metric (the context has no .git), e.g.
#   docker build --build-arg TODO_API_COMMIT="$(git rev-parse --short=12 HEAD)" -t todo-api .
ARG TODO_API_COMMIT=unknown
RUN --mount=type=cache,target=/usr/local/cargo/registry,sharing=locked \
    --mount=type=cache,target=/src/target,sharing=locked \
    cargo build --release --locked --bin todo-api \
    && install -D -m 0755 target/release/todo-api /out/usr/local/bin/todo-api \
    && install -d -m 0700 /out/data

# glibc, libgcc and CA certificates, no shell, no package manager; user nonroot (65532).
FROM gcr.io/distroless/cc-debian12:nonroot
COPY --from=builder /out/usr/local/bin/todo-api /usr/local/bin/todo-api
COPY --from=builder --chown=65532:65532 /out/data /data
ENV LISTEN_ADDR=0.0.0.0:8080 \
    DATA_DIR=/data \
    DATABASE_URL=sqlite:///data/todo.db \
    LOG_FORMAT=json
USER 65532:65532
VOLUME ["/data"]
EXPOSE 8080
# SIGTERM (the default) drains in-flight requests for up to SHUTDOWN_TIMEOUT_SECONDS.
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
    CMD ["todo-api", "healthcheck"]
ENTRYPOINT ["/usr/local/bin/todo-api"]
CMD ["serve"]
