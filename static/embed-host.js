// fromlab embed host script. Include it once on a page that embeds fromlab:
//
//   <iframe src="https://example.org/fromlab/#/embed/quiz/distroless"
//           title="Quiz: Distroless" sandbox="allow-scripts allow-same-origin"
//           width="100%" height="480" data-fromlab-embed></iframe>
//   <script src="https://example.org/fromlab/embed-host.js" defer></script>
//
// Each embed posts { type: "fromlab:height", height: <CSS pixels>, id: <string|null> }
// to its parent whenever its content changes size. This script sets the height of the
// iframe the message came from, and only when it came from that iframe's own window
// (event.source) and from the origin of the iframe's src (event.origin). Messages from
// anything else are ignored. It defines no globals and needs no inline script, so it
// runs under a strict Content-Security-Policy.
(function () {
  'use strict';

  var TYPE = 'fromlab:height';
  var MAX_HEIGHT = 100000;

  function originOf(frame) {
    try {
      return new URL(frame.getAttribute('src') || '', document.baseURI).origin;
    } catch (error) {
      return null;
    }
  }

  function onMessage(event) {
    var data = event.data;
    if (!data || typeof data !== 'object' || data.type !== TYPE) return;
    var height = Number(data.height);
    if (!isFinite(height) || height <= 0 || height > MAX_HEIGHT) return;
    var frames = document.querySelectorAll('iframe[data-fromlab-embed]');
    for (var i = 0; i < frames.length; i += 1) {
      var frame = frames[i];
      if (frame.contentWindow !== event.source) continue;
      // The window matched: believe it only if it is still showing fromlab's origin.
      if (event.origin !== originOf(frame)) return;
      frame.style.height = Math.ceil(height) + 'px';
      return;
    }
  }

  window.addEventListener('message', onMessage);
})();
