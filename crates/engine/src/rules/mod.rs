//! Tradeoff rules: each one looks at a parsed Dockerfile (its tree, its
//! stages and what the catalogue knows about each base) and reports
//! diagnostics that teach, with a fix where one is safe.
//!
//! One file per rule, named after the rule. A rule is declared with
//! [`declare_rule!`]: its doc comment is the rule's documentation, written
//! under fixed headings (what it does, why it matters, example, use instead,
//! fix safety, learn more); the same text is what `fromlab explain` prints
//! and what the playground shows, so the docs are lesson material. The
//! registry is the static [`RULES`] slice (about 40 rules; no macro
//! machinery beyond that is needed).
//!
//! Silencing: `# fromlab: ignore=rule-name[,other]` on the line before an
//! instruction silences those rules there; BuildKit's `# check=skip=Name,...`
//! directive (or `skip=all`) silences the rules that have a BuildKit
//! equivalent, and `# check=error=true` turns their warnings into errors.

mod base;
mod build_toolchain_in_final_stage;
mod context;
mod deprecated_image;
mod floating_tag;
mod full_base_in_final_stage;
mod latest_tag;
mod no_debug_plan;
mod root_user;
mod unofficial_image;
mod unpinned_digest;
mod untagged_image;

// Docker's own build checks (FL401-FL421) and what they share.
mod buildkit;
mod constant_platform_flag;
mod copy_from_own_stage;
mod copy_from_undefined_stage;
mod duplicate_stage_name;
mod empty_continuation;
mod expose_invalid_format;
mod expose_protocol_casing;
mod from_as_casing;
mod inconsistent_instruction_casing;
mod invalid_default_arg_in_from;
mod legacy_key_value;
mod maintainer_instruction;
mod redundant_target_platform;
mod relative_workdir;
mod repeated_instruction;
mod reserved_stage_name;
mod secret_in_arg_or_env;
mod shell_form_command;
mod stage_name_casing;
mod undefined_arg_in_from;
mod undefined_variable;

// Compatibility and size habits (FL2xx, FL3xx), with their shared readers.
mod apk_cache_kept;
mod apt_install_recommends;
mod apt_lists_kept;
mod cache_cleaned_in_later_layer;
mod dynamic_binary_on_scratch;
mod missing_ca_certificates;
mod musl_glibc_binary;
mod musl_python_wheels;
mod package_manager_mismatch;
mod pip_cache_kept;
mod scan;
mod shell_required_on_shell_less_base;

pub use context::{Context, StageFacts};

use crate::diagnostic::{Diagnostic, Fix, Severity};
use crate::syntax::TextRange;

/// Which part of the course a rule belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    /// Choosing and naming the base image.
    BaseImage,
    /// What breaks when the base changes (libc, shell, package manager).
    Compatibility,
    /// Habits that make layers bigger than they need to be.
    SizeHabit,
    /// Docker's own build checks, with the same meaning.
    BuildCheck,
}

impl Category {
    /// A short name for listings.
    pub const fn title(self) -> &'static str {
        match self {
            Category::BaseImage => "base image",
            Category::Compatibility => "compatibility",
            Category::SizeHabit => "size habit",
            Category::BuildCheck => "build check",
        }
    }
}

/// A rule: its metadata, its documentation and its check.
pub struct Rule {
    /// The stable name, read as "allow <name>" (`latest-tag`).
    pub name: &'static str,
    /// The stable code (`FL101`).
    pub code: &'static str,
    /// The severity of what it reports.
    pub severity: Severity,
    /// Where it belongs in the course.
    pub category: Category,
    /// One line saying what it flags.
    pub summary: &'static str,
    /// The lesson that explains the tradeoff (a lesson slug).
    pub lesson: &'static str,
    /// The BuildKit build check with the same meaning, by its BuildKit name
    /// (used for `# check=skip=`).
    pub buildkit: Option<&'static str>,
    /// The equivalent hadolint rule, if any (`DL3007`).
    pub hadolint: Option<&'static str>,
    /// The documentation, Markdown under the fixed headings.
    pub docs: &'static str,
    /// The check.
    pub check: fn(&Context<'_, '_>, &mut Report<'_>),
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rule").field("name", &self.name).finish()
    }
}

/// The headings every rule's documentation has, in order.
pub const DOC_HEADINGS: [&str; 6] = [
    "## What it does",
    "## Why it matters",
    "## Example",
    "## Use instead",
    "## Fix safety",
    "## Learn more",
];

/// Declares a rule from a doc comment and its fields:
///
/// ```ignore
/// declare_rule! {
///     /// ## What it does
///     /// ...
///     pub static RULE = {
///         name: "latest-tag",
///         code: "FL102",
///         severity: Warning,
///         category: BaseImage,
///         summary: "...",
///         lesson: "pinning-tags-and-digests",
///         buildkit: None,
///         hadolint: Some("DL3007"),
///         check: check,
///     };
/// }
/// ```
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        pub static $id:ident = {
            name: $name:literal,
            code: $code:literal,
            severity: $severity:ident,
            category: $category:ident,
            summary: $summary:literal,
            lesson: $lesson:literal,
            buildkit: $buildkit:expr,
            hadolint: $hadolint:expr,
            check: $check:path $(,)?
        };
    ) => {
        $(#[doc = $doc])*
        pub static $id: $crate::rules::Rule = $crate::rules::Rule {
            name: $name,
            code: $code,
            severity: $crate::diagnostic::Severity::$severity,
            category: $crate::rules::Category::$category,
            summary: $summary,
            lesson: $lesson,
            buildkit: $buildkit,
            hadolint: $hadolint,
            docs: concat!($($doc, "\n"),*),
            check: $check,
        };
    };
}

/// Collects one rule's diagnostics.
pub struct Report<'r> {
    rule: &'static Rule,
    out: &'r mut Vec<Diagnostic>,
}

impl Report<'_> {
    /// Reports a finding with the rule's severity.
    pub fn push(&mut self, range: TextRange, message: impl Into<String>, fix: Option<Fix>) {
        self.out.push(Diagnostic {
            rule: self.rule.name,
            code: self.rule.code,
            severity: self.rule.severity,
            message: message.into(),
            range,
            lesson: Some(self.rule.lesson),
            fix,
        });
    }

    /// Reports a finding with another severity than the rule's default (for
    /// rules whose seriousness depends on the case).
    pub fn push_with(
        &mut self,
        severity: Severity,
        range: TextRange,
        message: impl Into<String>,
        fix: Option<Fix>,
    ) {
        self.push(range, message, fix);
        if let Some(last) = self.out.last_mut() {
            last.severity = severity;
        }
    }
}

/// Every rule, in code order.
pub static RULES: &[&Rule] = &[
    // Base images.
    &untagged_image::RULE,
    &latest_tag::RULE,
    &floating_tag::RULE,
    &unpinned_digest::RULE,
    &unofficial_image::RULE,
    &deprecated_image::RULE,
    &full_base_in_final_stage::RULE,
    &build_toolchain_in_final_stage::RULE,
    &no_debug_plan::RULE,
    &root_user::RULE,
    // Compatibility.
    &package_manager_mismatch::RULE,
    &shell_required_on_shell_less_base::RULE,
    &musl_python_wheels::RULE,
    &musl_glibc_binary::RULE,
    &dynamic_binary_on_scratch::RULE,
    &missing_ca_certificates::RULE,
    // Size habits.
    &apt_lists_kept::RULE,
    &apt_install_recommends::RULE,
    &apk_cache_kept::RULE,
    &pip_cache_kept::RULE,
    &cache_cleaned_in_later_layer::RULE,
    // Docker's own build checks.
    &stage_name_casing::RULE,
    &from_as_casing::RULE,
    &empty_continuation::RULE,
    &inconsistent_instruction_casing::RULE,
    &duplicate_stage_name::RULE,
    &reserved_stage_name::RULE,
    &shell_form_command::RULE,
    &maintainer_instruction::RULE,
    &undefined_arg_in_from::RULE,
    &relative_workdir::RULE,
    &undefined_variable::RULE,
    &repeated_instruction::RULE,
    &legacy_key_value::RULE,
    &redundant_target_platform::RULE,
    &secret_in_arg_or_env::RULE,
    &invalid_default_arg_in_from::RULE,
    &constant_platform_flag::RULE,
    &expose_protocol_casing::RULE,
    &expose_invalid_format::RULE,
    &copy_from_undefined_stage::RULE,
    &copy_from_own_stage::RULE,
];

/// The rule with this name.
pub fn find(name: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.name == name)
}

/// Runs every rule over the context and returns their diagnostics, with
/// `# fromlab: ignore=` comments and `# check=` directives applied.
pub fn run(cx: &Context<'_, '_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for rule in RULES {
        if cx.skips_buildkit_rule(rule) {
            continue;
        }
        let start = out.len();
        (rule.check)(
            cx,
            &mut Report {
                rule,
                out: &mut out,
            },
        );
        if rule.buildkit.is_some() && cx.buildkit_errors() {
            for d in &mut out[start..] {
                if d.severity == Severity::Warning {
                    d.severity = Severity::Error;
                }
            }
        }
    }
    out.retain(|d| !cx.is_ignored(d.rule, d.range));
    out
}
