// Starts the page with one of the app's two wasm modules (see src/lib.rs): the lessons
// module, small, for the home page and the lessons; the app module, the whole
// interface, for the playground, compare mode, the quiz and progress pages and the
// embeds that edit a Dockerfile, and whenever the address asks for it with `module=app` (the
// lessons module hands over that way, src/services/modules.rs). The build
// (scripts/modules.mjs) fills in MODULES with the files' hashed names.

const MODULES = { lessons: null, app: null }; // filled in by scripts/modules.mjs

/** Whether the address is one of the app module's pages. */
function wantsApp() {
  if (new URLSearchParams(window.location.search).getAll('module').includes('app')) {
    return true;
  }
  const path = window.location.hash.replace(/^#\/*/, '');
  return /^(playground|compare|quiz|progress|embed\/+(playground|quiz|challenge))(?![\w-])/.test(path);
}

const name = wantsApp() ? 'app' : 'lessons';
const chosen = MODULES[name];
// Which module runs, for the browser tests and anyone looking at the page.
document.documentElement.dataset.module = name;
try {
  const glue = await import(chosen.js);
  await glue.default({ module_or_path: chosen.wasm });
} catch (error) {
  // Shown as text: there is no app to show a notice with.
  const message = document.createElement('p');
  message.className = 'noscript';
  message.setAttribute('role', 'alert');
  message.textContent = `fromlab could not start: ${error}. Reload the page to try again.`;
  document.body.append(message);
  throw error;
}
