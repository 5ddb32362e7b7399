// ChatCare widget: paste <script src="https://your-chatcare-host/widget.js" async></script> into a page to get a chat bubble.
// The bubble opens ChatCare's /chat page in a frame, created on the first click so pages that never open the chat do not load it.
// Optional attributes on the script tag: data-lang="es|en" (else the page's lang, else the browser's language).
(function () {
  'use strict';

  var config = /*{{config}}*/null;
  var script = document.currentScript;
  if (!config || !script || window.__chatcareWidget) { return; }
  window.__chatcareWidget = true;

  var chatcareOrigin = new URL(script.src, window.location.href).origin;
  var basePath = new URL(script.src, window.location.href).pathname.replace(/\/widget\.js$/, '');

  function pickLanguage() {
    var candidates = [script.getAttribute('data-lang'), document.documentElement.lang].concat(navigator.languages || [navigator.language]);
    for (var i = 0; i < candidates.length; i++) {
      var tag = (candidates[i] || '').slice(0, 2).toLowerCase();
      if (config.labels[tag]) { return tag; }
    }
    return config.defaultLanguage;
  }

  var language = pickLanguage();
  var labels = config.labels[language];

  var host = document.createElement('div');
  host.id = 'chatcare-widget';
  // Shadow DOM keeps the site's styles off the widget and the widget's off the site.
  var root = host.attachShadow({ mode: 'open' });
  root.innerHTML =
    '<style>' +
    ':host { all: initial; }' +
    '.bubble { position: fixed; right: 20px; bottom: 20px; z-index: 2147483000; width: 60px; height: 60px; border: 0; border-radius: 50%;' +
    ' background: ' + config.accentColor + '; color: ' + config.accentTextColor + '; cursor: pointer; box-shadow: 0 4px 12px rgba(0,0,0,.3);' +
    ' display: flex; align-items: center; justify-content: center; }' +
    '.bubble svg { width: 28px; height: 28px; fill: currentColor; }' +
    '.panel { position: fixed; right: 20px; bottom: 92px; z-index: 2147483000; width: 380px; height: 600px;' +
    ' max-width: calc(100vw - 40px); max-height: calc(100vh - 112px); border-radius: 12px; overflow: hidden;' +
    ' box-shadow: 0 8px 28px rgba(0,0,0,.3); background: #fff; }' +
    '.panel[hidden] { display: none; }' +
    '.panel iframe { width: 100%; height: 100%; border: 0; }' +
    '@media (max-width: 480px) { .panel { right: 0; bottom: 0; width: 100vw; height: 100vh; max-width: none; max-height: none; border-radius: 0; } }' +
    '</style>' +
    '<div class="panel" part="panel" hidden></div>' +
    '<button type="button" class="bubble" part="bubble" aria-expanded="false">' +
    '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H8l-5 4V5a2 2 0 0 1 2-2z"/></svg>' +
    '</button>';

  var bubble = root.querySelector('.bubble');
  var panel = root.querySelector('.panel');
  var frame = null;
  bubble.setAttribute('aria-label', labels.open);
  bubble.title = labels.open;

  function setOpen(open) {
    if (open && !frame) {
      frame = document.createElement('iframe');
      frame.title = labels.open;
      frame.src = chatcareOrigin + basePath + '/chat?embed=1&lang=' + encodeURIComponent(language);
      frame.allow = 'clipboard-write';
      panel.appendChild(frame);
    }
    panel.hidden = !open;
    bubble.setAttribute('aria-expanded', String(open));
    bubble.setAttribute('aria-label', open ? labels.close : labels.open);
    bubble.title = open ? labels.close : labels.open;
  }

  bubble.addEventListener('click', function () { setOpen(panel.hidden); });
  window.addEventListener('message', function (event) {
    if (frame && event.source === frame.contentWindow && event.origin === chatcareOrigin && event.data && event.data.type === 'chatcare:close') {
      setOpen(false);
      bubble.focus();
    }
  });

  function attach() { document.body.appendChild(host); }
  if (document.body) { attach(); } else { document.addEventListener('DOMContentLoaded', attach); }
})();
