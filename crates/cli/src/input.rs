//! Reading the Dockerfile to work on: a path, or `-` for standard input.

use std::io::Read;

use crate::Fatal;

/// A Dockerfile's text and the name to show in messages.
pub struct Input {
    pub name: String,
    pub text: String,
}

/// Reads `path` (or standard input for `-`) as UTF-8.
pub fn read(path: &str) -> Result<Input, Fatal> {
    let (name, bytes) = if path == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| Fatal(format!("cannot read standard input: {e}")))?;
        ("<stdin>".to_string(), buf)
    } else {
        let bytes = std::fs::read(path).map_err(|e| {
            let reason = match e.kind() {
                std::io::ErrorKind::NotFound => "no such file".to_string(),
                std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
                _ if std::path::Path::new(path).is_dir() => "it is a directory".to_string(),
                _ => e.to_string(),
            };
            Fatal(format!("cannot read {path}: {reason}"))
        })?;
        (path.to_string(), bytes)
    };
    let text = String::from_utf8(bytes).map_err(|e| {
        Fatal(format!(
            "{name} is not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        ))
    })?;
    Ok(Input { name, text })
}
