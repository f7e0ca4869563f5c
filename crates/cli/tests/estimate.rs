//! `fromlab estimate` end to end: the text table, the JSON shape of issue 4, the
//! build-context option and the exit statuses, run as a real process.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use expect_test::expect;

fn fromlab(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_fromlab"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run fromlab");
    if let Some(input) = stdin {
        // A usage error ends the command before it reads its input; that is fine.
        let _ = child.stdin.take().expect("stdin").write_all(input);
    }
    drop(child.stdin.take());
    child.wait_with_output().expect("fromlab output")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 stdout")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("utf-8 stderr")
}

fn temp_file(name: &str, contents: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("fromlab-estimate-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, contents).expect("write temp file");
    path
}

const GO_SERVICE: &str = "\
FROM golang:1.22 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags=\"-s -w\" -o /out/server ./cmd/server

FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=build /out/server /server
USER 65532:65532
ENTRYPOINT [\"/server\"]
";

#[test]
fn text_is_an_aligned_table_in_mb() {
    let file = temp_file("Dockerfile.go", GO_SERVICE.as_bytes());
    let out = fromlab(&["estimate", file.to_str().expect("path")], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
    let text = stdout(&out).replace(file.to_str().expect("path"), "Dockerfile");
    expect![[r#"
        Dockerfile: the final image, stage 1 FROM scratch

        line  instruction   on disk (MB)  to pull (MB)  why
              FROM scratch             0             0  scratch base: no libc, no shell, no package manager, tier T0
           9  COPY             0.15–0.30     0.04–0.09  from stage build: /etc/ssl/certs/ca-certificates.crt (the CA certificate bundle)
          10  COPY                4.6–22        2.0–15  from stage build: /out/server: the Go binary from `go build -o /out/server` (line 6)
          11  USER                     0             0  metadata only: changes the image's settings, adds no files
          12  ENTRYPOINT               0             0  metadata only: changes the image's settings, adds no files

        total on disk:  4.8 MB  (range 4.8–22 MB)
        total to pull:  2.5 MB  (compressed)

        the same Dockerfile on other bases:
             base                                      point        on disk (MB)  to pull (MB)  libc   shell    packages  tier  debugging  breaks
             debian:trixie                             full                  123            52  glibc  bash     apt       T3    easy       nothing found
             debian:trixie-slim                        slim                   84            32  glibc  bash     apt       T3    easy       nothing found
             alpine:3.24                               alpine                 13           6.3  musl   busybox  apk       T2    moderate   nothing found
             gcr.io/distroless/static-debian13:latest  distroless            7.3           4.6  none   none     none      T1    very hard  nothing found
          →  scratch                                   scratch               4.8           2.5  none   none     none      T0    very hard  nothing found
             cgr.dev/chainguard/static:latest          alternative           6.8           4.5  none   none     none      T1    very hard  nothing found
          (→ marks the base this Dockerfile uses)

        assumed: a build context of 5.0 MB (change it with --context-mb)
        note: Only the final stage ships: build counts only through what COPY --from takes from it.
        note: On disk is what `docker images` shows; to pull is the compressed download. Layers shared with other images are stored once.
    "#]]
    .assert_eq(&text);
}

#[test]
fn text_lists_what_breaks_on_other_bases() {
    let out = fromlab(
        &["estimate", "-"],
        Some(
            b"FROM python:3.12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/*\nRUN pip install --no-cache-dir numpy==1.24.4\nCOPY . /app\nCMD python /app/main.py\n",
        ),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    expect![[r#"
        <stdin>: the final image, stage 0 FROM python:3.12-slim

        line  instruction            on disk (MB)  to pull (MB)  why
              FROM python:3.12-slim           119            43  slim base: glibc, bash shell, apt, tier T3
           2  RUN                         2.5–3.0      0.91–1.4  apt-get install libpq5: 2.5–3.0 MB on disk; the apt lists are removed in the same RUN
           3  RUN                           52–60         13–17  pip install numpy: ~56 MB on disk
           4  COPY                            5.0       1.8–2.3  the whole build context, assumed 5.0 MB (a .dockerignore keeps it small; change the assumption to match yours)
           5  CMD                               0             0  metadata only: changes the image's settings, adds no files

        total on disk:  179 MB  (range 179–187 MB)
        total to pull:   60 MB  (compressed)

        the same Dockerfile on other bases:
             base                                       point        on disk (MB)  to pull (MB)  libc   shell    packages  tier   debugging  breaks
             python:3.12                                full                 1170           428  glibc  bash     apt       T4     easy       nothing found
          →  python:3.12-slim                           slim                  179            60  glibc  bash     apt       T3     easy       nothing found
             python:3.12-alpine                         alpine                113            36  musl   busybox  apk       T2-T3  moderate   2 things, below
             gcr.io/distroless/python3-debian13:latest  distroless            116            37  glibc  none     none      T2     hard       4 things, below
             cgr.dev/chainguard/python:latest           alternative           100            32  glibc  none     none      T2     hard       4 things, below
          (→ marks the base this Dockerfile uses)

          on python:3.12-alpine:
            - line 2: `apt-get update` needs apt, but python:3.12-alpine uses apk
            - line 3: numpy 1.24.4 predates its first musllinux wheel (1.25.0) on musl: pip compiles it from source on python:3.12-alpine, which needs build-base, gfortran, openblas-dev, linux-headers and takes minutes

          on gcr.io/distroless/python3-debian13:latest:
            - line 2: RUN in shell form runs `/bin/sh -c`, and gcr.io/distroless/python3-debian13:latest has no shell
            - line 2: `apt-get update` needs apt, but gcr.io/distroless/python3-debian13:latest has no package manager
            - line 3: RUN in shell form runs `/bin/sh -c`, and gcr.io/distroless/python3-debian13:latest has no shell
            - line 5: CMD in shell form runs through `/bin/sh -c`, which gcr.io/distroless/python3-debian13:latest lacks: write it in exec form (CMD ["program", "arg"])

          on cgr.dev/chainguard/python:latest:
            - line 2: RUN in shell form runs `/bin/sh -c`, and cgr.dev/chainguard/python:latest has no shell
            - line 2: `apt-get update` needs apt, but cgr.dev/chainguard/python:latest has no package manager
            - line 3: RUN in shell form runs `/bin/sh -c`, and cgr.dev/chainguard/python:latest has no shell
            - line 5: CMD in shell form runs through `/bin/sh -c`, which cgr.dev/chainguard/python:latest lacks: write it in exec form (CMD ["program", "arg"])

        assumed: a build context of 5.0 MB (change it with --context-mb)
        note: Files from the build context are sized from an assumed context of 5.0 MB: set your own, and keep it small with a .dockerignore.
        note: On disk is what `docker images` shows; to pull is the compressed download. Layers shared with other images are stored once.
    "#]]
    .assert_eq(&stdout(&out));
}

#[test]
fn json_has_the_shape_of_issue_4() {
    let out = fromlab(
        &["estimate", "--format", "json", "-"],
        Some(GO_SERVICE.as_bytes()),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("valid JSON");
    for key in ["index", "name", "base"] {
        assert!(v["final_stage"].get(key).is_some(), "final_stage.{key}");
    }
    for key in [
        "reference",
        "catalogue_entry",
        "known",
        "compressed_bytes",
        "uncompressed_bytes",
        "libc",
        "shell",
        "package_manager",
        "tier",
    ] {
        assert!(v["base"].get(key).is_some(), "base.{key}");
    }
    for layer in v["layers"].as_array().expect("layers") {
        for key in ["line", "instruction", "low_bytes", "high_bytes", "reason"] {
            assert!(layer.get(key).is_some(), "layers[].{key}");
        }
    }
    for key in [
        "compressed_bytes",
        "uncompressed_bytes",
        "low_bytes",
        "high_bytes",
    ] {
        assert!(v["total"][key].is_u64(), "total.{key}");
    }
    let alternatives = v["alternatives"].as_array().expect("alternatives");
    assert!(alternatives.len() >= 4);
    for alternative in alternatives {
        for key in [
            "base",
            "uncompressed_bytes",
            "compressed_bytes",
            "libc",
            "shell",
            "package_manager",
            "tier",
            "breaks",
        ] {
            assert!(alternative.get(key).is_some(), "alternatives[].{key}");
        }
    }
    assert_eq!(v["final_stage"]["index"], 1);
    assert_eq!(v["final_stage"]["name"], serde_json::Value::Null);
    assert_eq!(v["final_stage"]["base"], "scratch");
    assert_eq!(v["base"]["catalogue_entry"], "scratch");
    assert_eq!(v["base"]["uncompressed_bytes"], 0);
    assert_eq!(v["layers"][1]["line"], 10);
    assert_eq!(v["layers"][1]["instruction"], 8);
    assert!(v["total"]["uncompressed_bytes"].as_u64().expect("u64") < 30_000_000);
    assert_eq!(v["assumptions"]["context_bytes"], 5_000_000);
}

#[test]
fn an_unknown_base_is_null_in_json() {
    let out = fromlab(
        &["estimate", "--format", "json", "-"],
        Some(b"FROM example.com/team/runtime:7\nCOPY . /app\n"),
    );
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("valid JSON");
    assert_eq!(v["base"]["known"], false);
    assert_eq!(v["base"]["catalogue_entry"], serde_json::Value::Null);
    assert_eq!(v["base"]["uncompressed_bytes"], serde_json::Value::Null);
    assert_eq!(v["base"]["libc"], "unknown");
    assert_eq!(v["alternatives"], serde_json::json!([]));
    assert_eq!(v["total"]["uncompressed_bytes"], 5_000_000);
}

#[test]
fn the_build_context_can_be_set_in_mb() {
    let source: &[u8] = b"FROM alpine:3.24\nCOPY . /app\n";
    let out = fromlab(
        &["estimate", "--format", "json", "--context-mb", "120.5", "-"],
        Some(source),
    );
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("valid JSON");
    assert_eq!(v["assumptions"]["context_bytes"], 120_500_000);
    assert_eq!(v["layers"][0]["low_bytes"], 120_500_000);
    let text = stdout(&fromlab(
        &["estimate", "--context-mb", "0.5", "-"],
        Some(source),
    ));
    assert!(
        text.contains("assumed: a build context of 0.50 MB"),
        "{text}"
    );
    for bad in ["-3", "lots", "NaN"] {
        let out = fromlab(&["estimate", "--context-mb", bad, "-"], Some(source));
        assert_eq!(out.status.code(), Some(2), "{bad}");
        assert!(stderr(&out).starts_with("fromlab: "), "{}", stderr(&out));
        assert_eq!(stderr(&out).lines().count(), 1, "{}", stderr(&out));
    }
}

#[test]
fn exit_statuses_match_the_other_subcommands() {
    // An error in the file: the estimate is still printed, and the status is 1.
    let out = fromlab(
        &["estimate", "-"],
        Some(b"FROM alpine:3.24\nRUNN apk add curl\n"),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("total on disk:"), "{}", stdout(&out));
    // Nothing to estimate.
    let out = fromlab(&["estimate", "-"], Some(b"# no stages\n"));
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stdout(&out),
        "<stdin>: no FROM instruction, so there is no image to estimate\n"
    );
    let out = fromlab(&["estimate", "--format", "json", "-"], Some(b""));
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out), "null\n");
    // Files that cannot be read.
    let out = fromlab(&["estimate", "/nonexistent/Dockerfile"], None);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "fromlab: cannot read /nonexistent/Dockerfile: no such file\n"
    );
    let out = fromlab(&["estimate", "-"], Some(b"FROM alpine\n\xff\n"));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not UTF-8"), "{}", stderr(&out));
}
