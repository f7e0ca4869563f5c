//! `RUN --mount=...` values: a comma-separated list of `key=value` fields
//! (double quotes protect commas), read into a typed [`Mount`].
//!
//! The rules and the size estimate care: a cache mount on `/var/lib/apt`
//! means the apt lists never land in the layer.

use std::borrow::Cow;

use serde::Serialize;

/// The mount types of BuildKit's `RUN --mount`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MountType {
    /// Bind-mount files from the context or another stage (default).
    Bind,
    /// A persistent cache directory shared between builds.
    Cache,
    /// An empty in-memory directory.
    Tmpfs,
    /// A build secret, mounted as a file or exposed as an environment variable.
    Secret,
    /// The SSH agent socket.
    Ssh,
}

impl MountType {
    fn parse(s: &str) -> Option<MountType> {
        const TYPES: [(&str, MountType); 5] = [
            ("bind", MountType::Bind),
            ("cache", MountType::Cache),
            ("tmpfs", MountType::Tmpfs),
            ("secret", MountType::Secret),
            ("ssh", MountType::Ssh),
        ];
        TYPES
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(s))
            .map(|&(_, t)| t)
    }
}

/// One `--mount` value; its strings borrow from the flag value unless the
/// value used quotes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Mount<'v> {
    /// The mount type.
    pub kind: MountType,
    /// Where it is mounted in the build container.
    pub target: Option<Cow<'v, str>>,
    /// The path in the source (context, stage or cache).
    pub source: Option<Cow<'v, str>>,
    /// The stage or image to mount from.
    pub from: Option<Cow<'v, str>>,
    /// The cache or secret id.
    pub id: Option<Cow<'v, str>>,
    /// Whether it is read-only.
    pub readonly: bool,
    /// For secrets: the environment variable to expose it as.
    pub env: Option<Cow<'v, str>>,
}

fn parse_bool(key: &str, value: Option<&str>) -> Result<bool, String> {
    match value.map(str::to_ascii_lowercase).as_deref() {
        None | Some("true" | "1") => Ok(true),
        Some("false" | "0") => Ok(false),
        Some(other) => Err(format!(
            "invalid value {other:?} for {key} in --mount: use true or false"
        )),
    }
}

/// Calls `f` with each comma-separated field, double quotes removed (as the
/// CSV reader BuildKit uses does). Fields without quotes are borrowed.
fn for_each_field<'v>(
    value: &'v str,
    mut f: impl FnMut(Cow<'v, str>) -> Result<(), String>,
) -> Result<(), String> {
    if !value.contains('"') {
        for field in value.split(',') {
            f(Cow::Borrowed(field))?;
        }
        return Ok(());
    }
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => f(Cow::Owned(std::mem::take(&mut cur)))?,
            c => cur.push(c),
        }
    }
    if quoted {
        return Err(format!("unterminated quote in --mount={value}"));
    }
    f(Cow::Owned(cur))
}

fn split_field(field: &str) -> (&str, Option<&str>) {
    match field.split_once('=') {
        Some((k, v)) => (k.trim(), Some(v)),
        None => (field.trim(), None),
    }
}

/// Reads a `--mount` value, with a sentence for anything BuildKit refuses.
pub fn parse_mount(value: &str) -> Result<Mount<'_>, String> {
    let mut m = Mount {
        kind: MountType::Bind,
        target: None,
        source: None,
        from: None,
        id: None,
        readonly: false,
        env: None,
    };
    // The type decides which keys make sense, so read it first.
    for_each_field(value, |field| {
        let (key, val) = split_field(&field);
        if key.eq_ignore_ascii_case("type") {
            let t = val.unwrap_or_default();
            m.kind = MountType::parse(t).ok_or_else(|| {
                format!("unsupported mount type {t:?}: use bind, cache, tmpfs, secret or ssh")
            })?;
        }
        Ok(())
    })?;
    for_each_field(value, |field| {
        let (key, val) = split_field(&field);
        let need = || -> Result<Cow<'_, str>, String> {
            let v = val.ok_or_else(|| {
                format!("invalid field '{field}' in --mount: {key} needs a value")
            })?;
            Ok(match &field {
                Cow::Borrowed(b) => Cow::Borrowed(&b[b.len() - v.len()..]),
                Cow::Owned(_) => Cow::Owned(v.to_string()),
            })
        };
        // BuildKit compares keys case-insensitively; keys are nearly always
        // lower case already.
        let lower;
        let key_lc = if key.bytes().any(|b| b.is_ascii_uppercase()) {
            lower = key.to_ascii_lowercase();
            lower.as_str()
        } else {
            key
        };
        match key_lc {
            "" | "type" => {}
            "target" | "dst" | "destination" => m.target = Some(need()?),
            "source" | "src" => m.source = Some(need()?),
            "from" => m.from = Some(need()?),
            "id" => m.id = Some(need()?),
            "env" => m.env = Some(need()?),
            "readonly" | "ro" => m.readonly = parse_bool(key, val)?,
            "readwrite" | "rw" => m.readonly = !parse_bool(key, val)?,
            "sharing" => {
                let v = need()?;
                if !matches!(v.as_ref(), "shared" | "private" | "locked") {
                    return Err(format!(
                        "unsupported sharing value {v:?} in --mount: use shared, private or locked"
                    ));
                }
            }
            "mode" | "uid" | "gid" | "size" => {
                need()?;
            }
            "required" | "relabel" => {}
            _ => return Err(format!("unexpected key '{key}' in '{field}' of --mount")),
        }
        Ok(())
    })?;
    if matches!(
        m.kind,
        MountType::Bind | MountType::Cache | MountType::Tmpfs
    ) && m.target.as_deref().is_none_or(str::is_empty)
    {
        let t = match m.kind {
            MountType::Bind => "bind",
            MountType::Cache => "cache",
            _ => "tmpfs",
        };
        return Err(format!(
            "--mount=type={t} needs a target, such as target=/root/.cache"
        ));
    }
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_common_mounts() {
        let m = parse_mount("type=cache,target=/var/cache/apt,sharing=locked").unwrap();
        assert_eq!(m.kind, MountType::Cache);
        assert_eq!(m.target.as_deref(), Some("/var/cache/apt"));
        let m = parse_mount("type=secret,id=npmrc,env=NPM_TOKEN").unwrap();
        assert_eq!(m.env.as_deref(), Some("NPM_TOKEN"));
        let m = parse_mount("target=/src,from=build,ro").unwrap();
        assert_eq!((m.kind, m.readonly), (MountType::Bind, true));
        let m = parse_mount("type=bind,\"source=a,b\",target=/x").unwrap();
        assert_eq!(m.source.as_deref(), Some("a,b"));
    }

    #[test]
    fn explains_what_is_wrong() {
        assert!(
            parse_mount("type=volume,target=/x")
                .unwrap_err()
                .contains("unsupported mount type")
        );
        assert!(
            parse_mount("type=cache")
                .unwrap_err()
                .contains("needs a target")
        );
        assert!(
            parse_mount("type=cache,target=/x,colour=red")
                .unwrap_err()
                .contains("unexpected key")
        );
        assert!(
            parse_mount("type=cache,target=/x,sharing=all")
                .unwrap_err()
                .contains("sharing")
        );
    }
}
