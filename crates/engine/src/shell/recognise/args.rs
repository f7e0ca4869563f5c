//! Reading command-line arguments the GNU way: long options with or without `=`,
//! short option clusters, options that take a value, and `--`.

use std::ops::Range;

use crate::shell::Word;

/// One parsed option: its name with dashes (`--no-cache`, `-y`) and its value.
#[derive(Debug, Clone)]
pub(super) struct Opt {
    pub(super) name: String,
    pub(super) value: Option<Word>,
}

/// Arguments split into options and positionals.
pub(super) struct Args<'w> {
    pub(super) options: Vec<Opt>,
    pub(super) positionals: Vec<&'w Word>,
}

impl Args<'_> {
    pub(super) fn has(&self, names: &[&str]) -> bool {
        self.options
            .iter()
            .any(|o| names.contains(&o.name.as_str()))
    }

    pub(super) fn values<'s>(&'s self, names: &'s [&str]) -> impl Iterator<Item = &'s Word> + 's {
        self.options
            .iter()
            .filter(move |o| names.contains(&o.name.as_str()))
            .filter_map(|o| o.value.as_ref())
    }
}

pub(super) fn value_word(text: &str, range: Range<usize>, expansion: bool) -> Word {
    Word {
        text: text.to_owned(),
        range,
        quoted: false,
        expansion,
    }
}

/// Parses GNU-style arguments: `--long`, `--long=value`, `--long value` (for names in
/// `long_values`), short clusters `-qy`, `-o value` or `-ovalue` (for letters in
/// `short_values`), and `--` ending the options.
pub(super) fn gnu_args<'w>(
    words: &'w [Word],
    long_values: &[&str],
    short_values: &[char],
) -> Args<'w> {
    let mut args = Args {
        options: Vec::new(),
        positionals: Vec::new(),
    };
    let mut i = 0;
    let mut only_positionals = false;
    while let Some(word) = words.get(i) {
        i += 1;
        let text = word.text.as_str();
        if only_positionals || !text.starts_with('-') || text == "-" {
            args.positionals.push(word);
            continue;
        }
        if text == "--" {
            only_positionals = true;
            continue;
        }
        if let Some(long) = text.strip_prefix("--") {
            let (name, value) = match long.split_once('=') {
                Some((name, value)) => (
                    name,
                    Some(value_word(value, word.range.clone(), word.expansion)),
                ),
                None => {
                    let wants = long_values.contains(&text);
                    let value = if wants { words.get(i).cloned() } else { None };
                    if value.is_some() {
                        i += 1;
                    }
                    (long, value)
                }
            };
            args.options.push(Opt {
                name: format!("--{name}"),
                value,
            });
            continue;
        }
        // A short cluster: letters until one that takes a value.
        let letters: Vec<char> = text[1..].chars().collect();
        for (k, &letter) in letters.iter().enumerate() {
            if short_values.contains(&letter) {
                let rest: String = letters[k + 1..].iter().collect();
                let value = if rest.is_empty() {
                    let next = words.get(i).cloned();
                    if next.is_some() {
                        i += 1;
                    }
                    next
                } else {
                    Some(value_word(&rest, word.range.clone(), word.expansion))
                };
                args.options.push(Opt {
                    name: format!("-{letter}"),
                    value,
                });
                break;
            }
            args.options.push(Opt {
                name: format!("-{letter}"),
                value: None,
            });
        }
    }
    args
}
