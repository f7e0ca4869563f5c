//! Files in and out of the page: saving text as a download (the progress export) and
//! reading a file the learner picked (the progress import). Nothing leaves the device:
//! the download is made from an in-memory blob, and reading stays in the browser.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, File, HtmlAnchorElement, Url};

/// Offers `text` as a file named `name`.
pub fn download(name: &str, text: &str, mime: &str) -> Result<(), String> {
    let failed = |what: &str| format!("the browser could not {what}");
    let parts = js_sys::Array::of1(&text.into());
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| failed("prepare the file"))?;
    let url = Url::create_object_url_with_blob(&blob).map_err(|_| failed("prepare the file"))?;
    let link = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.create_element("a").ok())
        .and_then(|element| element.dyn_into::<HtmlAnchorElement>().ok())
        .ok_or_else(|| failed("start the download"))?;
    link.set_href(&url);
    link.set_download(name);
    link.click();
    // The click has started the download; the blob URL is no longer needed.
    let _ = Url::revoke_object_url(&url);
    Ok(())
}

/// The text of a file the learner picked.
pub async fn read_text(file: File) -> Result<String, String> {
    let text = JsFuture::from(file.text())
        .await
        .map_err(|_| "the browser could not read the file".to_string())?;
    text.as_string()
        .ok_or_else(|| "the file is not text".to_string())
}
