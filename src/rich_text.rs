//! Sentences from the engine (messages, reasons, notes) as Yew nodes: text between
//! backticks becomes `<code>`, everything stays a text node, so nothing in a message can
//! ever become markup.

use yew::prelude::*;

/// `text` cut into prose (`false`) and code (`true`) parts. An unpaired backtick is
/// kept as prose, so no character is ever lost.
fn parts(text: &str) -> Vec<(bool, String)> {
    let pieces: Vec<&str> = text.split('`').collect();
    let paired = pieces.len() % 2 == 1;
    let count = pieces.len();
    pieces
        .into_iter()
        .enumerate()
        .filter(|(_, piece)| !piece.is_empty())
        .map(
            |(index, piece)| match (index % 2 == 1, paired || index + 1 < count) {
                (true, true) => (true, piece.to_string()),
                (true, false) => (false, format!("`{piece}")),
                (false, _) => (false, piece.to_string()),
            },
        )
        .collect()
}

/// `text` with each `` `quoted` `` part shown as code.
pub fn with_code(text: &str) -> Html {
    html! {
        <>
            { for parts(text).into_iter().map(|(code, piece)| if code {
                html! { <code>{ piece }</code> }
            } else {
                html! { { piece } }
            }) }
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::parts;

    #[test]
    fn backticks_mark_code_and_nothing_is_lost() {
        assert_eq!(
            parts("uses the `latest` tag"),
            [
                (false, "uses the ".to_string()),
                (true, "latest".to_string()),
                (false, " tag".to_string())
            ]
        );
        assert_eq!(
            parts("a ` stray"),
            [(false, "a ".to_string()), (false, "` stray".to_string())]
        );
        assert_eq!(parts("`<script>`"), [(true, "<script>".to_string())]);
        assert!(parts("").is_empty());
    }
}
