//! Size tables and per-RUN layer estimates: the tables are sound, and the estimates
//! match the reference's figures and the habits the rules teach.

use std::fs;
use std::path::PathBuf;

use fromlab_engine::catalogue::{BaseFacts, Catalogue, Libc, PackageManager};
use fromlab_engine::estimate::{
    BUILTIN_TOML, ItemKind, LayerContext, LayerEstimate, SizeTables, Wheels, format_range,
    run_layer, run_layer_with,
};
use fromlab_engine::shell::analyze;
use proptest::prelude::*;

const MB: u64 = 1_000_000;

fn tables() -> &'static SizeTables {
    SizeTables::builtin()
}

fn base(reference: &str) -> BaseFacts {
    let facts = Catalogue::builtin().resolve_str(reference).facts();
    assert!(facts.known, "{reference} must be in the catalogue");
    facts
}

fn layer(script: &str, on: &str) -> LayerEstimate {
    let estimate = run_layer(&analyze(script), &base(on));
    assert!(
        estimate.low_bytes <= estimate.high_bytes,
        "{script}: {estimate:?}"
    );
    assert!(
        !estimate.reason.contains('\n'),
        "one line: {}",
        estimate.reason
    );
    estimate
}

fn mid(estimate: &LayerEstimate) -> u64 {
    estimate.low_bytes / 2 + estimate.high_bytes / 2
}

#[test]
fn the_compiled_in_tables_equal_the_toml_source() {
    let parsed = SizeTables::from_toml(BUILTIN_TOML).expect("the tables TOML parses");
    assert_eq!(
        &parsed,
        SizeTables::builtin(),
        "build.rs must write exactly what the TOML says"
    );
}

#[test]
fn the_tables_parse_and_have_no_problems() {
    let tables = tables();
    let problems = tables.problems();
    assert!(
        problems.is_empty(),
        "size table problems:\n{}",
        problems.join("\n")
    );
    assert!(
        tables.apt.packages.len() >= 50,
        "only {} apt rows",
        tables.apt.packages.len()
    );
    assert!(tables.apk.packages.len() >= 30);
    assert!(tables.dnf.packages.len() >= 20);
    for name in [
        "numpy",
        "pandas",
        "scipy",
        "scikit-learn",
        "matplotlib",
        "pillow",
        "psycopg2",
        "psycopg2-binary",
        "cryptography",
        "lxml",
        "requests",
        "flask",
        "django",
        "fastapi",
        "uvicorn",
        "gunicorn",
        "pydantic",
        "sqlalchemy",
        "boto3",
        "torch",
    ] {
        assert!(tables.pip_package(name).is_some(), "pip table lacks {name}");
    }
    for name in [
        "express",
        "next",
        "react",
        "react-dom",
        "typescript",
        "@nestjs/core",
        "mongoose",
        "axios",
    ] {
        assert!(tables.npm_package(name).is_some(), "npm table lacks {name}");
    }
    for tool in ["go", "cargo", "maven", "gradle"] {
        assert!(
            tables
                .builds
                .iter()
                .any(|b| format!("{:?}", b.tool).eq_ignore_ascii_case(tool)),
            "{tool}"
        );
    }
}

#[test]
fn every_row_has_a_described_method_and_a_date() {
    let tables = tables();
    let rows = tables
        .apt
        .packages
        .iter()
        .chain(tables.apk.packages.iter())
        .chain(tables.dnf.packages.iter())
        .map(|p| (&p.name, &p.method, &p.date))
        .chain(
            tables
                .pip
                .packages
                .iter()
                .map(|p| (&p.name, &p.method, &p.date)),
        )
        .chain(
            tables
                .npm
                .packages
                .iter()
                .map(|p| (&p.name, &p.method, &p.date)),
        );
    for (name, method, date) in rows {
        let text = &tables
            .methods
            .iter()
            .find(|m| m.key == *method)
            .unwrap_or_else(|| panic!("{name}: method {method}"))
            .text;
        assert!(text.len() > 20, "{name}: the method must say something");
        assert!(date.len() >= 4, "{name}: date");
    }
}

#[test]
fn the_reference_figures_are_in_the_tables() {
    let tables = tables();
    let apt = |name: &str| tables.apt_package(name).unwrap_or_else(|| panic!("{name}"));
    assert_eq!(
        (
            apt("build-essential").disk,
            apt("build-essential").disk_recommends
        ),
        (273 * MB, Some(352 * MB))
    );
    assert_eq!(
        (apt("python3-pip").disk, apt("python3-pip").disk_recommends),
        (47 * MB, Some(426 * MB))
    );
    for (name, disk) in [
        ("git", 60),
        ("curl", 12),
        ("ca-certificates", 9),
        ("libpq-dev", 23),
        ("openjdk-17-jre-headless", 229),
    ] {
        assert_eq!(apt(name).disk, disk * MB, "{name}");
    }
    let numpy = tables.pip_package("numpy").unwrap();
    assert_eq!(
        (numpy.wheels, numpy.musllinux_since.as_deref()),
        (Wheels::Binary, Some("1.25.0"))
    );
    assert_eq!(
        tables
            .pip_package("pandas")
            .unwrap()
            .musllinux_since
            .as_deref(),
        Some("2.1.0")
    );
    assert!(!tables.pip_package("numpy").unwrap().build_apk.is_empty());
    assert_eq!(tables.npm_package("express").unwrap().disk, 2_900_000);
    assert_eq!(tables.npm_package("typescript").unwrap().disk, 30_500_000);
    let go = tables
        .builds
        .iter()
        .find(|b| format!("{:?}", b.tool) == "Go")
        .unwrap();
    assert_eq!((go.output.low(), go.output.bytes), (4_600_000, 6_600_000));
    assert!(
        (
            tables.ratios.os_packages.low,
            tables.ratios.os_packages.high
        ) == (2.2, 2.8)
    );
    assert!((tables.ratios.text_tree.low, tables.ratios.text_tree.high) == (3.5, 4.0));
    assert!(
        (
            tables.ratios.native_binary.low,
            tables.ratios.native_binary.high
        ) == (1.5, 2.3)
    );
}

#[test]
fn pip_numpy_pandas_adds_about_100_mb_on_glibc_and_a_little_more_on_musl() {
    let glibc = layer(
        "pip install --no-cache-dir numpy pandas",
        "python:3.12-slim",
    );
    assert!(
        glibc.low_bytes >= 90 * MB && glibc.high_bytes <= 115 * MB,
        "{}",
        glibc.reason
    );
    let musl = layer(
        "pip install --no-cache-dir numpy pandas",
        "python:3.12-alpine",
    );
    assert!(
        musl.low_bytes > glibc.low_bytes && musl.high_bytes > glibc.high_bytes,
        "{}",
        musl.reason
    );
    assert!(
        musl.low_bytes < glibc.low_bytes * 12 / 10,
        "only a little more: {}",
        musl.reason
    );
    // Without --no-cache-dir the downloaded wheels (28.2 MB) stay in pip's cache.
    let cached = layer("pip install numpy pandas", "python:3.12-slim");
    let cache = cached.high_bytes - glibc.high_bytes;
    assert!((25 * MB..=35 * MB).contains(&cache), "cache {cache}");
    assert!(cached.reason.contains("pip's cache"), "{}", cached.reason);
    // The layer to pull is about 27 MB (reference section 5: the tree as tar.gz).
    assert!(glibc.compressed_low_bytes <= 27 * MB && 27 * MB <= glibc.compressed_high_bytes);
}

#[test]
fn apt_build_essential_adds_250_to_350_mb_and_recommends_cost_more() {
    for script in [
        "apt-get install -y build-essential",
        "apt-get install -y --no-install-recommends build-essential",
    ] {
        let estimate = layer(script, "debian:bookworm-slim");
        assert!(
            estimate.low_bytes >= 230 * MB && estimate.high_bytes <= 360 * MB,
            "{script}: {}",
            estimate.reason
        );
        assert!(
            (250 * MB..=350 * MB).contains(&mid(&estimate)),
            "{script}: {}",
            estimate.reason
        );
    }
    let with = layer(
        "apt-get install -y curl git python3-pip",
        "debian:bookworm-slim",
    );
    let without = layer(
        "apt-get install -y --no-install-recommends curl git python3-pip",
        "debian:bookworm-slim",
    );
    assert!(without.low_bytes < with.low_bytes && without.high_bytes < with.high_bytes);
    assert!(with.items[0].note.contains("with Recommends"));
    let via_option = layer(
        "apt-get install -y -o APT::Install-Recommends=false curl git python3-pip",
        "debian:bookworm-slim",
    );
    assert_eq!(via_option.high_bytes, without.high_bytes);
}

#[test]
fn apt_lists_cost_nothing_only_when_removed_in_the_same_layer() {
    let kept = layer(
        "apt-get update && apt-get install -y --no-install-recommends curl git",
        "debian:bookworm-slim",
    );
    let later = layer("rm -rf /var/lib/apt/lists/*", "debian:bookworm-slim");
    let same = layer(
        "apt-get update && apt-get install -y --no-install-recommends curl git && rm -rf /var/lib/apt/lists/*",
        "debian:bookworm-slim",
    );
    assert!(
        kept.reason
            .contains("the apt lists (20–45 MB) stay in this layer"),
        "{}",
        kept.reason
    );
    assert!(
        kept.reason.starts_with("apt-get install curl git:"),
        "{}",
        kept.reason
    );
    assert_eq!((later.low_bytes, later.high_bytes), (0, 0));
    assert!(later.reason.contains("saves nothing"), "{}", later.reason);
    assert_eq!(later.items[0].kind, ItemKind::CleanupTooLate);
    assert!(
        same.reason.contains("removed in the same RUN"),
        "{}",
        same.reason
    );
    assert!(same.low_bytes < kept.low_bytes + later.low_bytes);
    assert!(same.high_bytes + 20 * MB <= kept.high_bytes + later.high_bytes);
    // apt-get dist-clean (APT 3) removes the lists too; a removal before the update does not.
    let dist_clean = layer(
        "apt-get update; apt-get install -y curl; apt-get dist-clean",
        "debian:trixie-slim",
    );
    assert!(
        dist_clean.reason.contains("removed in the same RUN"),
        "{}",
        dist_clean.reason
    );
    let too_early = layer(
        "rm -rf /var/lib/apt/lists/* && apt-get update && apt-get install -y curl",
        "debian:trixie-slim",
    );
    assert!(
        too_early.reason.contains("stay in this layer"),
        "{}",
        too_early.reason
    );
}

#[test]
fn apk_without_no_cache_keeps_its_index() {
    let cached = layer("apk add curl git", "alpine:3.24");
    let clean = layer("apk add --no-cache curl git", "alpine:3.24");
    assert!(cached.low_bytes > clean.low_bytes);
    assert!(
        cached.reason.contains("apk's package index"),
        "{}",
        cached.reason
    );
    let removed = layer("apk add curl && rm -rf /var/cache/apk/*", "alpine:3.24");
    let curl = layer("apk add --no-cache curl", "alpine:3.24");
    assert_eq!(removed.high_bytes, curl.high_bytes, "{}", removed.reason);
    assert!(
        removed.reason.contains("removed in the same RUN"),
        "{}",
        removed.reason
    );
}

#[test]
fn build_dependencies_removed_in_the_same_layer_leave_little() {
    let kept = layer(
        "apk add --no-cache build-base postgresql-dev",
        "python:3.12-alpine",
    );
    let removed = layer(
        "apk add --no-cache --virtual .build-deps build-base postgresql-dev && pip install --no-cache-dir psycopg2 && apk del .build-deps",
        "python:3.12-alpine",
    );
    assert!(
        removed.high_bytes < kept.low_bytes / 4,
        "{}",
        removed.reason
    );
    assert!(
        removed.warnings.is_empty(),
        "the build tools are installed first: {:?}",
        removed.warnings
    );
    let debian = layer(
        "savedAptMark=\"$(apt-mark showmanual)\"; apt-get update; apt-get install -y --no-install-recommends gcc libpq-dev; \
         pip install --no-cache-dir psycopg2; apt-mark auto '.*' > /dev/null; apt-mark manual $savedAptMark; \
         apt-get purge -y --auto-remove; rm -rf /var/lib/apt/lists/*",
        "python:3.12-slim",
    );
    assert!(debian.high_bytes < 40 * MB, "{}", debian.reason);
}

#[test]
fn old_pins_compile_on_musl_and_say_what_they_need() {
    let old = layer(
        "pip install --no-cache-dir numpy==1.24.4",
        "python:3.12-alpine",
    );
    let note = &old.items[0].note;
    assert!(
        note.contains("1.24.4 predates its first musllinux wheel (1.25.0)"),
        "{note}"
    );
    assert!(
        old.warnings
            .iter()
            .any(|w| w.contains("gfortran") && w.contains("openblas-dev")),
        "{:?}",
        old.warnings
    );
    let new = layer(
        "pip install --no-cache-dir numpy==1.26.4",
        "python:3.12-alpine",
    );
    assert!(
        !new.items[0].note.contains("compiled"),
        "{}",
        new.items[0].note
    );
    assert!(new.warnings.is_empty());
    // The same old pin has a manylinux wheel on glibc.
    let glibc = layer(
        "pip install --no-cache-dir numpy==1.24.4",
        "python:3.12-slim",
    );
    assert!(!glibc.items[0].note.contains("compiled"));
    // No musl wheels at all.
    let torch = layer("pip install --no-cache-dir torch", "python:3.12-alpine");
    assert!(
        torch.items[0].note.contains("torch has no musl wheel"),
        "{}",
        torch.items[0].note
    );
    // A source-only package compiles everywhere.
    let psycopg2 = layer("pip install --no-cache-dir psycopg2", "python:3.12-slim");
    assert!(
        psycopg2.warnings.iter().any(|w| w.contains("libpq-dev")),
        "{:?}",
        psycopg2.warnings
    );
    // The official full image ships compilers.
    let full = layer("pip install --no-cache-dir psycopg2", "python:3.12");
    assert!(full.warnings.is_empty(), "{:?}", full.warnings);
}

#[test]
fn unknown_packages_get_a_stated_default_range() {
    let estimate = layer(
        "apt-get install -y --no-install-recommends frobnicator",
        "debian:bookworm-slim",
    );
    let unknown = &tables().apt.unknown_package;
    assert!(
        estimate.low_bytes < estimate.high_bytes,
        "a range, not an exact figure"
    );
    assert_eq!(estimate.high_bytes, unknown.high());
    assert!(
        estimate.items[0].note.contains("not in fromlab's table"),
        "{}",
        estimate.items[0].note
    );
    let variable = layer("apt-get install -y $PHPIZE_DEPS", "debian:bookworm-slim");
    assert!(variable.items[0].note.contains("$PHPIZE_DEPS"));
    let pip = layer(
        "pip install --no-cache-dir some-internal-lib",
        "python:3.12-slim",
    );
    assert!(pip.items[0].note.contains("some-internal-lib"));
    let nothing = layer(
        "curl -fsSL https://example.com/x.tgz | tar xz",
        "debian:bookworm-slim",
    );
    assert_eq!(nothing.high_bytes, 0);
    assert!(nothing.reason.contains("curl, tar"), "{}", nothing.reason);
}

#[test]
fn go_builds_leave_caches_unless_mounted_or_cleaned() {
    let script = "CGO_ENABLED=0 go build -trimpath -ldflags='-s -w' -o /out/app ./cmd/app";
    let plain = layer(script, "golang:1.22");
    let built = plain
        .items
        .iter()
        .find(|i| i.kind == ItemKind::Built)
        .unwrap();
    assert!(built.high_bytes <= 30 * MB && built.low_bytes >= 4 * MB);
    assert!(
        plain.reason.contains("Go's build cache"),
        "{}",
        plain.reason
    );
    let context = LayerContext {
        cache_mounts: vec![
            "/root/.cache/go-build".to_owned(),
            "/go/pkg/mod/".to_owned(),
        ],
        env: Vec::new(),
    };
    let mounted = run_layer_with(&analyze(script), &base("golang:1.22"), &context);
    assert!(mounted.high_bytes <= 30 * MB, "{}", mounted.reason);
    assert!(mounted.reason.contains("cache mount"), "{}", mounted.reason);
    let cleaned = layer(
        &format!("{script} && go clean -cache -modcache"),
        "golang:1.22",
    );
    assert_eq!(cleaned.high_bytes, built.high_bytes);
}

#[test]
fn dockerfile_variables_change_the_estimate() {
    let script = analyze("pip install flask");
    let facts = base("python:3.12-slim");
    let plain = run_layer(&script, &facts);
    let context = LayerContext {
        cache_mounts: Vec::new(),
        env: vec![("PIP_NO_CACHE_DIR".to_owned(), "1".to_owned())],
    };
    let no_cache = run_layer_with(&script, &facts, &context);
    assert!(no_cache.high_bytes < plain.high_bytes);

    let npm = analyze("npm ci");
    let dev = run_layer(&npm, &BaseFacts::default());
    let production = LayerContext {
        cache_mounts: Vec::new(),
        env: vec![("NODE_ENV".to_owned(), "production".to_owned())],
    };
    let prod = run_layer_with(&npm, &BaseFacts::default(), &production);
    assert!(prod.high_bytes < dev.high_bytes);
    let omitted = run_layer(
        &analyze("npm ci --omit=dev && npm cache clean --force"),
        &BaseFacts::default(),
    );
    assert!(
        omitted.high_bytes < prod.high_bytes,
        "the cache is cleaned too"
    );
    let pruned = run_layer(
        &analyze("npm ci && npm prune --omit=dev"),
        &BaseFacts::default(),
    );
    assert!(pruned.high_bytes < dev.high_bytes);
}

#[test]
fn the_package_manager_must_exist_on_the_base() {
    let wrong = layer("apt-get update && apt-get install -y curl", "alpine:3.24");
    assert!(
        wrong
            .warnings
            .iter()
            .any(|w| w.contains("package manager is apk")),
        "{:?}",
        wrong.warnings
    );
    assert!(
        wrong.reason.starts_with("apt-get install cannot run here"),
        "{}",
        wrong.reason
    );
    let none = layer(
        "apk add --no-cache curl",
        "gcr.io/distroless/static-debian12",
    );
    assert!(
        none.warnings
            .iter()
            .any(|w| w.contains("no package manager")),
        "{:?}",
        none.warnings
    );
    let right = layer(
        "microdnf install -y --nodocs git && microdnf clean all",
        "registry.access.redhat.com/ubi9/ubi-minimal",
    );
    assert!(right.warnings.is_empty(), "{:?}", right.warnings);
    assert!(
        right
            .reason
            .contains("the dnf metadata is removed in the same RUN"),
        "{}",
        right.reason
    );
}

#[test]
fn compressed_sizes_follow_the_ratios() {
    let estimate = layer("apt-get install -y build-essential", "debian:bookworm-slim");
    let ratio = estimate.high_bytes as f64 / estimate.compressed_high_bytes as f64;
    assert!(
        (2.19..=2.21).contains(&ratio),
        "OS packages at 2.2x at most: {ratio}"
    );
    for script in ["pip install numpy pandas", "npm ci", "go build -o /app ."] {
        let estimate = layer(script, "python:3.12-slim");
        for item in estimate.items.iter() {
            assert!(
                item.compressed_low_bytes <= item.low_bytes
                    && item.compressed_high_bytes <= item.high_bytes
            );
            assert!(item.compressed_low_bytes <= item.compressed_high_bytes);
        }
    }
}

#[test]
fn sizes_read_well() {
    assert_eq!(format_range(0, 0), "0 MB");
    assert_eq!(format_range(72_000_000, 72_000_000), "~72 MB");
    assert_eq!(format_range(51_000_000, 72_000_000), "51–72 MB");
    assert_eq!(format_range(700_000_000, 1_200_000_000), "700 MB–1.2 GB");
    assert_eq!(format_range(1_500_000, 3_500_000), "1.5–3.5 MB");
}

#[test]
fn the_checker_finds_broken_tables() {
    let cases = [
        (
            "method = \"ref-apt-closure\", date = \"2026-09\" },",
            "method = \"nowhere\", date = \"2026-09\" },",
            "not described",
        ),
        (
            "requires = [\"numpy\", \"python-dateutil\", \"tzdata\"]",
            "requires = [\"numpy\", \"python-dateutil\", \"tzdata\", \"left-pad\"]",
            "left-pad",
        ),
        ("musllinux_since = \"1.25.0\", ", "", "musllinux_since"),
        (
            "disk = 273_000_000, disk_recommends = 352_000_000",
            "disk = 273_000_000, disk_recommends = 252_000_000",
            "smaller",
        ),
        (
            "build_apk = [\"build-base\", \"gfortran\", \"openblas-dev\", \"linux-headers\"]",
            "build_apk = [\"gfortran-13\"]",
            "gfortran-13",
        ),
    ];
    for (from, to, words) in cases {
        assert!(BUILTIN_TOML.contains(from), "fixture text moved: {from}");
        let broken =
            SizeTables::from_toml(&BUILTIN_TOML.replacen(from, to, 1)).expect("still valid TOML");
        let problems = broken.problems();
        assert!(
            problems.iter().any(|p| p.contains(words)),
            "{words}: {problems:?}"
        );
    }
    let error = SizeTables::from_toml("[meta]\nsource = 1\n").unwrap_err();
    assert_eq!(error.line, Some(2), "{error}");
}

fn corpus_scripts() -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/real-world");
    assert!(
        dir.is_dir(),
        "the real-world corpus is missing at {}: tests need ../shared",
        dir.display()
    );
    let mut out = Vec::new();
    let mut entries: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("corpus")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for path in entries
        .into_iter()
        .filter(|p| p.to_string_lossy().ends_with("Dockerfile"))
    {
        let text = fs::read_to_string(&path).expect("UTF-8");
        let base = text
            .lines()
            .find_map(|l| l.strip_prefix("FROM "))
            .unwrap_or("scratch")
            .trim()
            .to_owned();
        let mut script: Option<String> = None;
        for line in text.lines() {
            if let Some(current) = script.as_mut() {
                if line.trim_start().starts_with('#') {
                    continue;
                }
                match line.strip_suffix('\\') {
                    Some(body) => current.push_str(body),
                    None => {
                        current.push_str(line);
                        out.push((base.clone(), script.take().unwrap_or_default()));
                    }
                }
            } else if let Some(rest) = line.strip_prefix("RUN ") {
                match rest.strip_suffix('\\') {
                    Some(body) => script = Some(body.to_owned()),
                    None => out.push((base.clone(), rest.to_owned())),
                }
            }
        }
    }
    out
}

#[test]
fn every_real_world_run_gets_an_estimate() {
    let scripts = corpus_scripts();
    assert!(scripts.len() > 600);
    let catalogue = Catalogue::builtin();
    let mut with_items = 0;
    for (base, script) in &scripts {
        let facts = catalogue.resolve_str(base).facts();
        let estimate = run_layer(&analyze(script), &facts);
        assert!(estimate.low_bytes <= estimate.high_bytes);
        assert!(!estimate.reason.is_empty() && !estimate.reason.contains('\n'));
        with_items += usize::from(!estimate.items.is_empty());
    }
    assert!(with_items > 300, "only {with_items} scripts produced items");
}

proptest! {
    #[test]
    fn estimating_any_script_never_panics(
        script in "([a-z\\-/.*=$]{1,8}|[ \n;&|()'\"\\\\]|apt-get|install|update|apk|add|del|pip|npm|ci|go|build|rm|-rf|--no-cache|/var/lib/apt/lists/\\*|numpy==1.2|é){0,30}",
        musl in any::<bool>(),
    ) {
        let facts = BaseFacts {
            known: true,
            libc: Some(if musl { Libc::Musl } else { Libc::Glibc }),
            package_manager: Some(if musl { PackageManager::Apk } else { PackageManager::Apt }),
            ..BaseFacts::default()
        };
        let estimate = run_layer(&analyze(&script), &facts);
        prop_assert!(estimate.low_bytes <= estimate.high_bytes);
        prop_assert!(estimate.compressed_low_bytes <= estimate.compressed_high_bytes);
        prop_assert!(!estimate.reason.is_empty());
    }
}
