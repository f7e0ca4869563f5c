//! What the size-habit and compatibility rules read from a Dockerfile
//! beyond the context: the `RUN`s of a stage or of the final image (views
//! over the shared [`Walk`](crate::walk::Walk), where each script is
//! analysed once), how a stage's base reads in a message, and how to turn a
//! place in a shell script back into a place in the source for a fix.
//!
//! Nothing here reports anything; the rules decide what matters.

use crate::catalogue::Libc;
use crate::model::{BaseKind, Stage};
use crate::shell::{Connector, ScriptAnalysis, SimpleCommand};
use crate::syntax::TextRange;
pub(super) use crate::walk::Run;

use super::Context;

/// The `RUN`s whose layers ship, in build order: those of the final stage
/// and of the stages it is built `FROM`.
pub(super) fn shipped_runs<'c, 'p, 'a>(cx: &'c Context<'a, 'p>) -> Vec<Run<'c, 'p, 'a>> {
    cx.walk().runs(cx, cx.model.shipped_lineage()).collect()
}

/// How a stage's base reads in a message: `alpine:3.21`, `scratch`, or
/// `stage build (alpine:3.21)`.
pub(super) fn base_label(cx: &Context<'_, '_>, stage: usize) -> String {
    let Some(st) = cx.model.stages.get(stage) else {
        return "this base".to_owned();
    };
    match &st.base.kind {
        BaseKind::Scratch => "scratch".to_owned(),
        BaseKind::Image { .. } => cx
            .stages
            .get(stage)
            .and_then(|f| f.resolution.as_ref())
            .map_or_else(|| st.base.expanded.clone(), |r| r.reference.clone()),
        BaseKind::Stage { index } if *index < stage => {
            let label = cx
                .model
                .stages
                .get(*index)
                .map_or_else(|| format!("stage {index}"), Stage::label);
            format!("stage {label} ({})", base_label(cx, *index))
        }
        _ => st.base.expanded.clone(),
    }
}

/// The libc of a stage's base, counting `scratch` as having none; `None`
/// when the base is unknown.
pub(super) fn libc(cx: &Context<'_, '_>, stage: usize) -> Option<Libc> {
    let facts = cx.stages.get(stage)?;
    if facts.scratch {
        Some(Libc::None)
    } else {
        facts.facts.libc
    }
}

/// The script range after which ` && next` can be appended so that `next`
/// runs once command `i` has finished: the end of the pipeline command `i`
/// belongs to. `None` when the pipeline is sent to the background.
pub(super) fn append_point(analysis: &ScriptAnalysis, i: usize) -> Option<usize> {
    let mut last = i;
    while analysis
        .commands
        .get(last + 1)
        .is_some_and(|c| c.connector == Connector::Pipe)
    {
        last += 1;
    }
    if analysis
        .commands
        .get(last + 1)
        .is_some_and(|c| c.connector == Connector::Background)
    {
        return None;
    }
    analysis.commands.get(last).map(|c| c.range.end)
}

/// The first word of command `command` after its program whose text is
/// `text` (a subcommand such as `install`), as an index into its words.
pub(super) fn word_after_program(command: &SimpleCommand, text: &str) -> Option<usize> {
    let program = command.program()?;
    command
        .words
        .iter()
        .enumerate()
        .skip(program + 1)
        .find(|(_, w)| w.text == text)
        .map(|(i, _)| i)
}

/// Whether a stage's base is known to have a different OS package manager
/// than `manager` (then the size habits of `manager` are not its problem:
/// `package-manager-mismatch` says what is).
pub(super) fn other_package_manager(
    cx: &Context<'_, '_>,
    stage: usize,
    manager: crate::catalogue::PackageManager,
) -> bool {
    cx.stages.get(stage).is_some_and(|f| {
        f.scratch || (f.facts.known && f.facts.package_manager.is_some_and(|pm| pm != manager))
    })
}

/// The fix edit that appends ` && {command}` after the last command of a
/// `RUN` whose program is one of `programs`, or `None` when there is none
/// or it runs in the background.
pub(super) fn append_after_last(
    run: &Run<'_, '_, '_>,
    programs: &[&str],
    command: &str,
) -> Option<crate::diagnostic::Edit> {
    let (si, ci) = run
        .scripts
        .iter()
        .enumerate()
        .flat_map(|(si, s)| {
            s.analysis
                .commands
                .iter()
                .enumerate()
                .filter(|(_, c)| c.program_name().is_some_and(|p| programs.contains(&p)))
                .map(move |(ci, _)| (si, ci))
        })
        .last()?;
    let analysis = &run.scripts.get(si)?.analysis;
    let end = append_point(analysis, ci)?;
    let at = run.insertion_after(si, end)?;
    Some(crate::diagnostic::Edit {
        range: TextRange::empty(at),
        replacement: format!(" && {command}"),
    })
}

/// The fix edit that inserts ` {flag}` right after the word `subcommand` of
/// command `command` of script `script`.
pub(super) fn insert_after_word(
    run: &Run<'_, '_, '_>,
    script: usize,
    command: usize,
    subcommands: &[&str],
    flag: &str,
) -> Option<(TextRange, crate::diagnostic::Edit)> {
    let c = run.scripts.get(script)?.analysis.commands.get(command)?;
    let w = subcommands
        .iter()
        .find_map(|s| word_after_program(c, s))
        .and_then(|i| c.words.get(i))?;
    let range = run.range(script, &w.range)?;
    Some((
        range,
        crate::diagnostic::Edit {
            range: TextRange::empty(range.end),
            replacement: format!(" {flag}"),
        },
    ))
}

/// The line a source offset is on, 1-based, for messages.
pub(super) fn line_of(cx: &Context<'_, '_>, offset: usize) -> usize {
    cx.parse.line_col(offset).line
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::parse;

    #[test]
    fn insertion_points_stay_before_continuations() {
        let src = "FROM debian:bookworm-slim\nRUN --mount=type=cache,target=/var/cache/apt apt-get update && \\\n    apt-get install -y curl\\\n    | tee log && echo done\n";
        let p = parse(src);
        let cx = Context::new(&p);
        let run = cx.walk().runs(&cx, [0]).next().unwrap();
        assert!(run.mounted("/var/cache/apt/archives"));
        assert!(!run.mounted("/var/lib/apt/lists"));
        let analysis = &run.scripts[0].analysis;
        let end = append_point(analysis, 1).unwrap();
        let at = run.insertion_after(0, end).unwrap();
        assert_eq!(&src[at - 3..at], "log");
        let curl_end = analysis.commands[1].range.end;
        let at = run.insertion_after(0, curl_end).unwrap();
        assert_eq!(&src[at - 4..at + 1], "curl\\");
    }

    #[test]
    fn runs_see_their_scope() {
        let src = "FROM golang:1.23\nARG NAME=api\nWORKDIR /src\nWORKDIR cmd/$NAME\nRUN apk add gcc\nRUN go build\nFROM scratch\n";
        let p = parse(src);
        let cx = Context::new(&p);
        let all: Vec<_> = cx.walk().runs(&cx, [0]).collect();
        assert_eq!(all.len(), 2);
        assert_eq!(all[1].workdir(), "/src/cmd/api");
        assert_eq!(crate::walk::lookup(all[1].env(), "NAME"), Some("api"));
        assert_eq!(all[1].packages_before(), ["gcc"]);
        assert!(shipped_runs(&cx).is_empty());
        assert_eq!(base_label(&cx, 0), "golang:1.23");
    }

    #[test]
    fn subcommands_are_found_behind_wrappers() {
        let cmds =
            crate::shell::simple_commands("sudo -u root env -i A=1 /usr/bin/apt-get install x");
        let i = cmds[0].program().unwrap();
        assert_eq!(cmds[0].words[i].text, "/usr/bin/apt-get");
        assert_eq!(word_after_program(&cmds[0], "install"), Some(i + 1));
    }
}
