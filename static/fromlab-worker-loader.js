// Starts the analysis worker (src/bin/fromlab-worker.rs): loads the wasm-bindgen glue
// Trunk writes beside this file, then the module, whose `main` installs the message
// handler and says it is ready. If the module cannot be loaded, the page is told at once
// (in the worker's own message format, see crates/engine/src/transport.rs) instead of
// waiting for a "ready" that would never come.
importScripts('./fromlab-worker.js');
wasm_bindgen('./fromlab-worker_bg.wasm').catch((error) => {
  const reason = `its module could not be loaded (${error})`;
  postMessage(JSON.stringify({ id: 0, answer: { refused: { reason } } }));
});
