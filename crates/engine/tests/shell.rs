//! Shell analysis of RUN scripts: command splitting, recognised installs, cleanups and
//! builds, on hand-written scripts and on the official images' real Dockerfiles.

use std::fs;
use std::path::PathBuf;

use fromlab_engine::shell::{
    Action, BuildTool, CleanupKind, Connector, Manager, ScriptAnalysis, analyze, simple_commands,
};
use proptest::prelude::*;

/// Checks the invariants every analysis must hold: ranges inside the script and on
/// character boundaries, packages pointing at their own text.
fn check_ranges(script: &str, analysis: &ScriptAnalysis) {
    let ok = |r: &std::ops::Range<usize>| {
        r.start <= r.end
            && r.end <= script.len()
            && script.is_char_boundary(r.start)
            && script.is_char_boundary(r.end)
    };
    for command in &analysis.commands {
        assert!(ok(&command.range), "command range {:?}", command.range);
        for word in &command.words {
            assert!(ok(&word.range), "word range {:?}", word.range);
            assert!(command.range.start <= word.range.start && word.range.end <= command.range.end);
        }
        for assignment in &command.assignments {
            assert!(ok(&assignment.range));
        }
        for redirect in &command.redirects {
            assert!(ok(redirect));
        }
    }
    for action in &analysis.actions {
        match action {
            Action::Install(install) => {
                assert!(ok(&install.range));
                for package in &install.packages {
                    assert!(ok(&package.range));
                }
            }
            Action::Cleanup(cleanup) => assert!(ok(&cleanup.range)),
            Action::Remove(removal) => assert!(ok(&removal.range)),
            Action::Update(update) => assert!(ok(&update.range)),
            Action::Build(build) => assert!(ok(&build.range)),
        }
    }
}

fn words(script: &str) -> Vec<Vec<String>> {
    simple_commands(script)
        .into_iter()
        .map(|c| c.words.into_iter().map(|w| w.text).collect())
        .collect()
}

#[test]
fn splits_on_every_operator_and_unquotes_words() {
    let script = "a 'b c' \"d $E\" f\\ g && h || i; j | k & l\nm";
    assert_eq!(
        words(script),
        [
            vec!["a", "b c", "d $E", "f g"],
            vec!["h"],
            vec!["i"],
            vec!["j"],
            vec!["k"],
            vec!["l"],
            vec!["m"]
        ]
    );
    let connectors: Vec<Connector> = simple_commands(script)
        .iter()
        .map(|c| c.connector)
        .collect();
    use Connector::*;
    assert_eq!(
        connectors,
        [Start, And, Or, Semicolon, Pipe, Background, Newline]
    );
}

#[test]
fn expansions_and_substitutions_stay_inside_their_word() {
    let script = r#"savedAptMark="$(apt-mark showmanual)"; x=`date; echo`; echo "${A:-a;b}" $(cd /x && ls) $((1+2))"#;
    let commands = simple_commands(script);
    assert_eq!(commands.len(), 3, "{commands:?}");
    assert_eq!(commands[0].assignments[0].name, "savedAptMark");
    assert_eq!(commands[0].assignments[0].value, "$(apt-mark showmanual)");
    let echo: Vec<&str> = commands[2].words.iter().map(|w| w.text.as_str()).collect();
    assert_eq!(echo, ["echo", "${A:-a;b}", "$(cd /x && ls)", "$((1+2))"]);
    assert!(commands[2].words[1..].iter().all(|w| w.expansion));
}

#[test]
fn leading_assignments_export_and_set_are_understood() {
    let analysis = analyze(
        "set -euxo pipefail; export PIP_NO_CACHE_DIR=1 NODE_ENV=production; A=1 B=\"two words\" run it",
    );
    assert_eq!(analysis.set_options, ["e", "u", "x", "pipefail"]);
    let names: Vec<&str> = analysis
        .environment
        .iter()
        .map(|a| a.name.as_str())
        .collect();
    assert_eq!(names, ["PIP_NO_CACHE_DIR", "NODE_ENV"]);
    let run = &analysis.commands[2];
    assert_eq!(run.assignments.len(), 2);
    assert_eq!(run.assignments[1].value, "two words");
    assert_eq!(run.name(), Some("run"));
    assert_eq!(analysis.env_at(2, "A"), Some("1"));
    assert_eq!(analysis.env_at(2, "NODE_ENV"), Some("production"));
    assert_eq!(analysis.env_at(0, "NODE_ENV"), None, "not yet exported");
}

#[test]
fn control_structures_subshells_and_comments_are_looked_through() {
    let script = "if [ -f x ]; then apt-get install -y a; else apk add b; fi\n\
        for p in c d; do pip install \"$p\"; done\n\
        case \"$arch\" in amd64|arm64) go build ./... ;; *) echo other ;; esac\n\
        ( cd /src && cargo build --release ) # a comment && rm -rf /\n\
        { echo one; echo two; } > /tmp/file 2>&1";
    let names: Vec<String> = simple_commands(script)
        .iter()
        .filter_map(|c| c.name().map(str::to_owned))
        .collect();
    assert_eq!(
        names,
        [
            "[", "apt-get", "apk", "pip", "go", "echo", "cd", "cargo", "echo", "echo"
        ],
        "{:?}",
        simple_commands(script)
    );
    let analysis = analyze(script);
    assert_eq!(analysis.installs().count(), 3);
    assert_eq!(analysis.builds().count(), 2);
    let cargo = simple_commands(script)
        .into_iter()
        .find(|c| c.name() == Some("cargo"))
        .unwrap();
    assert_eq!(cargo.depth, 1, "inside a subshell");
    assert_eq!(analysis.cleanups().count(), 0, "the rm is inside a comment");
}

#[test]
fn here_documents_in_the_script_are_skipped() {
    let script =
        "cat > /etc/x.conf <<EOF\napt-get install -y not-a-command\nEOF\napk add --no-cache curl";
    let analysis = analyze(script);
    let installs: Vec<_> = analysis.installs().collect();
    assert_eq!(installs.len(), 1);
    assert_eq!(installs[0].manager, Manager::Apk);
}

/// (script, manager, package names, check on the options)
type InstallCase = (
    &'static str,
    Manager,
    &'static [&'static str],
    fn(&fromlab_engine::shell::InstallOptions) -> bool,
);

#[test]
fn installers_and_their_options_are_recognised() {
    let cases: &[InstallCase] = &[
        (
            "apt-get install -y --no-install-recommends curl git",
            Manager::Apt,
            &["curl", "git"],
            |o| o.assume_yes && o.no_install_recommends,
        ),
        (
            "apt-get -qqy install -o APT::Install-Recommends=false ca-certificates",
            Manager::Apt,
            &["ca-certificates"],
            |o| o.assume_yes && o.no_install_recommends,
        ),
        (
            "apt install -y python3-pip=23.0.1+dfsg-1 libpq5:amd64",
            Manager::Apt,
            &["python3-pip", "libpq5"],
            |o| !o.no_install_recommends,
        ),
        (
            "sudo -E apt-get install build-essential",
            Manager::Apt,
            &["build-essential"],
            |o| !o.assume_yes,
        ),
        (
            "apk add --no-cache --virtual .build-deps gcc musl-dev",
            Manager::Apk,
            &["gcc", "musl-dev"],
            |o| {
                o.no_cache
                    && o.virtual_group
                        .as_ref()
                        .is_some_and(|g| g.text == ".build-deps")
            },
        ),
        (
            "apk --update add bash=5.2.26-r0 tzdata",
            Manager::Apk,
            &["bash", "tzdata"],
            |o| o.update_index && !o.no_cache,
        ),
        (
            "apk add -t .deps openssl-dev",
            Manager::Apk,
            &["openssl-dev"],
            |o| o.virtual_group.is_some(),
        ),
        (
            "dnf install -y --setopt=install_weak_deps=False --nodocs git",
            Manager::Dnf,
            &["git"],
            |o| o.assume_yes && o.weak_deps == Some(false) && o.nodocs,
        ),
        (
            "yum -y install --setopt=tsflags=nodocs httpd",
            Manager::Yum,
            &["httpd"],
            |o| o.nodocs,
        ),
        (
            "microdnf install -y --nodocs --setopt=install_weak_deps=0 java-21-openjdk-headless",
            Manager::Microdnf,
            &["java-21-openjdk-headless"],
            |o| o.weak_deps == Some(false),
        ),
        (
            "pip install --no-cache-dir numpy==1.24.4 'pandas>=2' Flask_SQLAlchemy uvicorn[standard]",
            Manager::Pip,
            &["numpy", "pandas", "flask-sqlalchemy", "uvicorn"],
            |o| o.no_cache,
        ),
        (
            "pip3 install -U --user requests",
            Manager::Pip,
            &["requests"],
            |o| o.upgrade && o.user && !o.no_cache,
        ),
        (
            "python -m pip install --only-binary :all: lxml",
            Manager::Pip,
            &["lxml"],
            |o| o.only_binary,
        ),
        (
            "python3.12 -m pip install -e .",
            Manager::Pip,
            &["."],
            |_| true,
        ),
        (
            "PIP_NO_CACHE_DIR=1 pip install django",
            Manager::Pip,
            &["django"],
            |o| o.no_cache,
        ),
        (
            "uv pip install --system --no-cache fastapi",
            Manager::Pip,
            &["fastapi"],
            |o| o.no_cache,
        ),
        (
            "UV_NO_CACHE=1 uv pip install --system fastapi",
            Manager::Pip,
            &["fastapi"],
            |o| o.no_cache,
        ),
        // uv does not read pip's variable.
        (
            "PIP_NO_CACHE_DIR=1 uv pip install --system fastapi",
            Manager::Pip,
            &["fastapi"],
            |o| !o.no_cache,
        ),
        ("npm ci --omit=dev", Manager::Npm, &[], |o| {
            o.lockfile && o.omit_dev
        }),
        (
            "npm install --production express@4.19.2 @nestjs/core@10.3.0",
            Manager::Npm,
            &["express", "@nestjs/core"],
            |o| o.omit_dev && !o.lockfile,
        ),
        ("NODE_ENV=production npm install", Manager::Npm, &[], |o| {
            o.omit_dev
        }),
        ("npm i -g typescript", Manager::Npm, &["typescript"], |o| {
            o.global && !o.omit_dev
        }),
        (
            "yarn install --frozen-lockfile --production",
            Manager::Yarn,
            &[],
            |o| o.lockfile && o.omit_dev,
        ),
        ("yarn", Manager::Yarn, &[], |o| !o.lockfile),
        (
            "pnpm install --prod --frozen-lockfile",
            Manager::Pnpm,
            &[],
            |o| o.omit_dev && o.lockfile,
        ),
        (
            "gem install bundler -v 2.5.6 --no-document",
            Manager::Gem,
            &["bundler"],
            |o| o.no_document,
        ),
        (
            "bundle install --without development test --jobs 4",
            Manager::Bundler,
            &[],
            |o| o.omit_dev,
        ),
    ];
    for (script, manager, packages, check) in cases {
        let analysis = analyze(script);
        check_ranges(script, &analysis);
        let installs: Vec<_> = analysis.installs().collect();
        assert_eq!(installs.len(), 1, "{script}: {:?}", analysis.actions);
        let install = installs[0];
        assert_eq!(install.manager, *manager, "{script}");
        let names: Vec<&str> = install.packages.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, *packages, "{script}");
        assert!(check(&install.options), "{script}: {:?}", install.options);
        for package in &install.packages {
            assert!(
                script[package.range.clone()].contains(package.spec.trim_matches('\''))
                    || package.spec.contains('['),
                "{script}: {package:?}"
            );
        }
    }
}

#[test]
fn package_specs_keep_versions_extras_and_variables() {
    let analysis = analyze(
        "pip install numpy==1.24.4 'fastapi[all]==0.110.0' ./wheels/app.whl git+https://x/y.git",
    );
    let install = analysis.installs().next().unwrap();
    assert_eq!(install.packages[0].version.as_deref(), Some("1.24.4"));
    assert_eq!(install.packages[1].extras, ["all"]);
    assert_eq!(install.packages[1].version.as_deref(), Some("0.110.0"));
    assert!(install.packages[2].local && install.packages[3].local);

    let analysis =
        analyze("apt-get install -y --no-install-recommends $PHPIZE_DEPS \"$EXTRA\" curl");
    let install = analysis.installs().next().unwrap();
    assert!(install.packages[0].from_variable && install.packages[1].from_variable);
    assert_eq!(install.packages[0].name, "$PHPIZE_DEPS");
    assert!(!install.packages[2].from_variable);

    let analysis = analyze("pip install -r requirements.txt --requirement=dev.txt -rother.txt");
    let files: Vec<&str> = analysis
        .installs()
        .next()
        .unwrap()
        .requirement_files
        .iter()
        .map(|w| w.text.as_str())
        .collect();
    assert_eq!(files, ["requirements.txt", "dev.txt", "other.txt"]);
}

#[test]
fn updates_removals_and_cleanups_are_found_where_they_are() {
    let script = "apt-get update && apt-get install -y curl && apt-get purge -y --auto-remove gcc && apt-get clean && \
        rm -rf /var/lib/apt/lists/* /tmp/* ~/.cache/pip /root/.cache && pip cache purge && \
        apk del --no-network .build-deps && rm -rf /var/cache/apk/* && dnf clean all && npm cache clean --force && \
        yarn cache clean && go clean -cache -modcache && rm -rf /go/pkg/mod $HOME/.m2 /root/.gradle /usr/local/cargo/registry";
    let analysis = analyze(script);
    check_ranges(script, &analysis);
    assert_eq!(analysis.updates().count(), 1);
    let removals: Vec<_> = analysis.removals().collect();
    assert_eq!(removals.len(), 2);
    assert!(removals[0].autoremove && removals[0].packages[0].name == "gcc");
    assert_eq!(removals[1].groups, [".build-deps"]);
    use CleanupKind::*;
    let kinds: Vec<CleanupKind> = analysis.cleanups().map(|c| c.kind).collect();
    assert_eq!(
        kinds,
        [
            AptCache,
            AptLists,
            TempFiles,
            PipCache,
            PipCache,
            GoBuildCache,
            YarnCache,
            PipCache,
            ApkCache,
            DnfCache,
            NpmCache,
            YarnCache,
            GoBuildCache,
            GoModuleCache,
            GoModuleCache,
            MavenRepository,
            GradleCache,
            CargoRegistry
        ]
    );
    let lists = analysis.cleanups().find(|c| c.kind == AptLists).unwrap();
    assert_eq!(&script[lists.range.clone()], "/var/lib/apt/lists/*");
}

#[test]
fn apt_dist_clean_and_the_apt_mark_idiom_are_recognised() {
    let script = "savedAptMark=\"$(apt-mark showmanual)\"; apt-get update; apt-get install -y --no-install-recommends gcc; \
        make; apt-mark auto '.*' > /dev/null; apt-mark manual $savedAptMark; \
        apt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false; apt-get dist-clean";
    let analysis = analyze(script);
    let removal = analysis.removals().next().unwrap();
    assert!(removal.autoremove && removal.after_mark_auto);
    let kinds: Vec<CleanupKind> = analysis.cleanups().map(|c| c.kind).collect();
    assert_eq!(kinds, [CleanupKind::AptLists, CleanupKind::AptCache]);
}

#[test]
fn builds_are_recognised_with_the_flags_that_matter() {
    let analysis = analyze(
        "CGO_ENABLED=0 GOOS=linux go build -trimpath -ldflags=\"-s -w\" -o /out/app ./cmd/app",
    );
    let build = analysis.builds().next().unwrap();
    assert_eq!(build.tool, BuildTool::Go);
    assert_eq!(build.cgo_enabled, Some(false));
    assert!(build.stripped && build.trimpath);
    assert_eq!(
        build.output.as_ref().map(|w| w.text.as_str()),
        Some("/out/app")
    );

    let analysis = analyze(
        "export CGO_ENABLED=0 && go mod download && go build -ldflags '-extldflags \"-static\"' -o app .",
    );
    let builds: Vec<_> = analysis.builds().collect();
    assert!(builds[0].downloads_only);
    assert_eq!(
        builds[1].cgo_enabled,
        Some(false),
        "exported earlier in the script"
    );
    assert!(builds[1].static_link && !builds[1].stripped);

    let analysis = analyze("go build -o /app .");
    assert_eq!(
        analysis.builds().next().unwrap().cgo_enabled,
        None,
        "unknown: the default depends on the image"
    );

    let analysis = analyze("cargo build --release --locked --target x86_64-unknown-linux-musl");
    let build = analysis.builds().next().unwrap();
    assert!(build.release && build.static_link);
    assert_eq!(build.target.as_deref(), Some("x86_64-unknown-linux-musl"));

    let analysis = analyze("./mvnw -B -q package -DskipTests && mvn dependency:go-offline");
    let builds: Vec<_> = analysis.builds().collect();
    assert_eq!(
        (
            builds[0].tool,
            builds[0].skip_tests,
            builds[0].downloads_only
        ),
        (BuildTool::Maven, true, false)
    );
    assert!(builds[1].downloads_only);

    let analysis = analyze("./gradlew bootJar -x test --no-daemon");
    let build = analysis.builds().next().unwrap();
    assert_eq!((build.tool, build.skip_tests), (BuildTool::Gradle, true));
}

fn corpus_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/real-world");
    assert!(
        dir.is_dir(),
        "the real-world corpus is missing at {}: tests need ../shared",
        dir.display()
    );
    dir
}

/// The RUN scripts of a Dockerfile, continuations joined and comment lines inside
/// them dropped, as BuildKit does (enough for these files, which use the default
/// escape character and no heredocs).
fn run_scripts(dockerfile: &str) -> Vec<String> {
    let mut scripts = Vec::new();
    let mut current: Option<String> = None;
    for line in dockerfile.lines() {
        let trimmed = line.trim_start();
        if let Some(script) = current.as_mut() {
            if trimmed.starts_with('#') {
                continue;
            }
            match line.strip_suffix('\\') {
                Some(body) => script.push_str(body),
                None => {
                    script.push_str(line);
                    scripts.push(current.take().unwrap_or_default());
                }
            }
            continue;
        }
        if let Some(rest) = trimmed.strip_prefix("RUN ") {
            match rest.strip_suffix('\\') {
                Some(body) => current = Some(body.to_owned()),
                None => scripts.push(rest.to_owned()),
            }
        }
    }
    scripts.extend(current);
    scripts
}

#[test]
fn the_real_world_corpus_analyses_without_surprises() {
    let mut files: Vec<PathBuf> = fs::read_dir(corpus_dir())
        .expect("readable corpus")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.to_string_lossy().ends_with("Dockerfile"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 142, "pinned corpus size");
    let mut scripts = 0;
    let mut installs = 0;
    for file in &files {
        let text = fs::read_to_string(file).expect("UTF-8 Dockerfile");
        for script in run_scripts(&text) {
            let analysis = analyze(&script);
            check_ranges(&script, &analysis);
            scripts += 1;
            installs += analysis.installs().count();
        }
    }
    assert!(scripts > 600, "only {scripts} RUN scripts found");
    assert!(installs > 300, "only {installs} installs recognised");
}

fn corpus_file(name: &str) -> String {
    fs::read_to_string(corpus_dir().join(name)).expect("corpus file")
}

#[test]
fn the_python_slim_build_block_is_read_correctly() {
    let scripts = run_scripts(&corpus_file(
        "docker-library+python__3.12_slim-trixie_Dockerfile",
    ));
    let analysis = analyze(&scripts[1]);
    let install = analysis.installs().next().expect("the build dependencies");
    assert_eq!(install.manager, Manager::Apt);
    assert!(install.options.no_install_recommends && install.options.assume_yes);
    let names: Vec<&str> = install.packages.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "dpkg-dev",
            "gcc",
            "gnupg",
            "libbluetooth-dev",
            "libbz2-dev",
            "libc6-dev",
            "libdb-dev",
            "libffi-dev",
            "libgdbm-dev",
            "liblzma-dev",
            "libncursesw5-dev",
            "libreadline-dev",
            "libsqlite3-dev",
            "libssl-dev",
            "make",
            "tk-dev",
            "uuid-dev",
            "wget",
            "xz-utils",
            "zlib1g-dev"
        ]
    );
    let removal = analysis.removals().next().expect("the purge");
    assert!(removal.autoremove && removal.after_mark_auto);
    let kinds: Vec<CleanupKind> = analysis.cleanups().map(|c| c.kind).collect();
    assert_eq!(
        kinds,
        [CleanupKind::AptLists, CleanupKind::AptCache],
        "apt-get dist-clean"
    );
    assert_eq!(analysis.updates().count(), 1);
    assert_eq!(analysis.set_options, ["e", "u", "x"]);
}

#[test]
fn the_python_alpine_build_block_is_read_correctly() {
    let scripts = run_scripts(&corpus_file(
        "docker-library+python__3.12_alpine3.24_Dockerfile",
    ));
    let analysis = scripts
        .iter()
        .map(|s| analyze(s))
        .find(|a| a.installs().any(|i| i.options.virtual_group.is_some()))
        .expect("a virtual group");
    let install = analysis
        .installs()
        .find(|i| i.options.virtual_group.is_some())
        .unwrap();
    assert!(install.options.no_cache);
    assert_eq!(
        install.options.virtual_group.as_ref().unwrap().text,
        ".build-deps"
    );
    assert!(install.packages.iter().any(|p| p.name == "gcc"));
    let removal = analysis
        .removals()
        .find(|r| r.manager == Manager::Apk)
        .expect("apk del");
    assert!(removal.groups.contains(&".build-deps".to_owned()));
}

#[test]
fn the_php_alpine_blocks_are_read_correctly() {
    let scripts = run_scripts(&corpus_file(
        "docker-library+php__8.4_alpine3.24_cli_Dockerfile",
    ));
    let first = analyze(&scripts[0]);
    let install = first.installs().next().unwrap();
    assert_eq!(install.manager, Manager::Apk);
    assert!(install.options.no_cache);
    let names: Vec<&str> = install.packages.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["ca-certificates", "curl", "openssl", "tar", "xz"]);

    let build = scripts
        .iter()
        .map(|s| analyze(s))
        .find(|a| {
            a.installs()
                .any(|i| i.packages.iter().any(|p| p.from_variable))
        })
        .expect("the build-deps block with $PHPIZE_DEPS");
    let install = build
        .installs()
        .find(|i| i.options.virtual_group.is_some())
        .unwrap();
    assert_eq!(install.packages[0].name, "$PHPIZE_DEPS");
    assert!(install.packages[0].from_variable);
    assert!(install.packages.iter().any(|p| p.name == "openssl-dev"));
    let environment: Vec<&str> = build.environment.iter().map(|a| a.name.as_str()).collect();
    assert!(
        environment.contains(&"CFLAGS") && environment.contains(&"PHP_UNAME"),
        "{environment:?}"
    );
}

#[test]
fn the_php_debian_block_keeps_variables_and_cleans_lists() {
    let scripts = run_scripts(&corpus_file(
        "docker-library+php__8.4_bookworm_apache_Dockerfile",
    ));
    let analysis = analyze(&scripts[1]);
    let install = analysis.installs().next().unwrap();
    let names: Vec<&str> = install.packages.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        ["$PHPIZE_DEPS", "ca-certificates", "curl", "xz-utils"]
    );
    let cleanups: Vec<CleanupKind> = analysis.cleanups().map(|c| c.kind).collect();
    assert_eq!(cleanups, [CleanupKind::AptLists]);
}

#[test]
fn deep_nesting_does_not_overflow() {
    let script = format!("echo {}x{}", "$(".repeat(20_000), ")".repeat(20_000));
    let analysis = analyze(&script);
    assert_eq!(analysis.commands.len(), 1);
    let unterminated = "\"$(".repeat(20_000);
    check_ranges(&unterminated, &analyze(&unterminated));
    let groups = "(".repeat(20_000);
    check_ranges(&groups, &analyze(&groups));
}

proptest! {
    #[test]
    fn any_text_analyses_without_panicking(script in "\\PC{0,120}") {
        let analysis = analyze(&script);
        check_ranges(&script, &analysis);
    }

    #[test]
    fn shell_like_text_analyses_without_panicking(
        script in "([a-z\\-/.*=$]{1,8}|[ \t\n;&|()<>'\"`\\\\{}#]|apt-get|install|apk|add|pip|rm|-rf|--no-cache|é){0,40}"
    ) {
        let analysis = analyze(&script);
        check_ranges(&script, &analysis);
    }
}
