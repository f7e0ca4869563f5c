//! The playground route. For now it shows, read-only and highlighted, the Dockerfile a
//! link carried here; the live editor with parse, size estimate and feedback replaces
//! the read-only view in a later change.

use fromlab_engine::share;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::{Route, query_param};
use crate::components::copy_button::CopyButton;
use crate::components::highlight::Highlight;
use crate::components::notice::{Notice, NoticeKind};
use crate::components::route_link::RouteLink;
use crate::components::skip_link::MAIN_ID;
use crate::content;
use crate::hooks::use_document_title::use_document_title;
use crate::hooks::use_focus_target::use_focus_target;

#[component]
pub fn PlaygroundPage() -> Html {
    use_document_title(Some(AttrValue::from("Playground")));
    use_focus_target(
        AttrValue::from("playground"),
        AttrValue::from("playground-title"),
        false,
    );
    let query = use_location()
        .map(|location| location.query_str().to_string())
        .unwrap_or_default();
    let code = query_param(&query, "code").map(share::decode);
    let from = query_param(&query, "from").and_then(content::find);

    html! {
        <main id={MAIN_ID} tabindex="-1" class="page playground">
            <h1 id="playground-title" tabindex="-1">{ "Playground" }</h1>
            <p class="lead">
                { "The editor is coming: soon you will edit a Dockerfile here and see its layers, an estimated size and feedback as you type. \
                   For now this page shows the code you opened, read-only." }
            </p>
            if let Some((_, lesson)) = from {
                <p>
                    <RouteLink to={Route::Lesson { slug: lesson.slug.to_string() }}>
                        { "← Back to “" }{ lesson.title }{ "”" }
                    </RouteLink>
                </p>
            }
            { match code {
                Some(Ok(code)) => html! {
                    <section class="playground-code" aria-labelledby="playground-code-title">
                        <div class="code-heading">
                            <h2 id="playground-code-title">{ "The Dockerfile you opened" }</h2>
                            <span class="code-actions">
                                <CopyButton text={AttrValue::from(code.clone())} />
                            </span>
                        </div>
                        <figure class="code-block code-dockerfile">
                            <pre tabindex="0"><code><Highlight code={AttrValue::from(code)} /></code></pre>
                        </figure>
                    </section>
                },
                Some(Err(error)) => html! {
                    <Notice kind={NoticeKind::Warning}>
                        { format!("The code in this link could not be opened: {error}") }
                    </Notice>
                },
                None => html! {
                    <p>
                        { "Open a Dockerfile example from any " }
                        <RouteLink to={Route::Home}>{ "lesson" }</RouteLink>
                        { " with its “Open in playground” button to see it here." }
                    </p>
                },
            } }
        </main>
    }
}
