# A Rust service built with cargo, shipped on distroless cc (glibc and libgcc).
FROM rust:1-trixie AS build
WORKDIR /src
COPY Cargo.toml Cargo.lock ./
COPY src ./src
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/src/target \
    cargo build --release --locked && cp target/release/service /service

# Debian 13 on both sides, so the binary finds the glibc it was linked against.
FROM gcr.io/distroless/cc-debian13:nonroot
COPY --from=build /service /service
EXPOSE 8080
ENTRYPOINT ["/service"]
