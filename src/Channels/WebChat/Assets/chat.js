// ChatCare web chat page: gets a Direct Line token from ChatCare (never the site secret), then renders the official Web Chat
// against ChatCare's own Direct Line endpoint. A reload within the browser tab continues the same conversation.
(function () {
  'use strict';

  var config = JSON.parse(document.getElementById('chatcare-config').textContent);
  var storageKey = 'chatcare.webchat.' + config.directLinePath;
  var directLineUrl = window.location.origin + config.directLinePath;

  function showUnavailable(error) {
    if (window.console) { console.error('ChatCare web chat could not start:', error); }
    document.getElementById('webchat').hidden = true;
    document.getElementById('chatcare-unavailable').hidden = false;
  }

  function readSession() {
    try { return JSON.parse(window.sessionStorage.getItem(storageKey)); } catch (e) { return null; }
  }

  function saveSession(session) {
    try { window.sessionStorage.setItem(storageKey, JSON.stringify(session)); } catch (e) { /* storage blocked: no resume */ }
  }

  function postJson(url, token) {
    var headers = { Accept: 'application/json' };
    if (token) { headers.Authorization = 'Bearer ' + token; }
    return fetch(url, { method: 'POST', headers: headers, credentials: 'omit' }).then(function (response) {
      if (!response.ok) { throw new Error(url + ' answered ' + response.status); }
      return response.json();
    });
  }

  // The tab's conversation, with a fresh token; null when there is none or its token can no longer be refreshed.
  function resume() {
    var saved = readSession();
    if (!saved || !saved.token || !saved.conversationId) { return Promise.resolve(null); }
    return postJson(directLineUrl + '/tokens/refresh', saved.token).then(function (refreshed) {
      return { conversationId: saved.conversationId, userId: saved.userId, token: refreshed.token, resumed: true };
    }, function () { return null; });
  }

  function start() {
    return resume().then(function (session) {
      return session || postJson(config.tokenUrl).then(function (issued) {
        return { conversationId: issued.conversationId, userId: issued.userId, token: issued.token, resumed: false };
      });
    });
  }

  function render(session) {
    saveSession({ conversationId: session.conversationId, userId: session.userId, token: session.token });
    var directLine = window.WebChat.createDirectLine({
      domain: directLineUrl,
      token: session.token,
      // Resuming: reconnect to the conversation and replay its history from the start.
      conversationId: session.resumed ? session.conversationId : undefined,
      watermark: session.resumed ? '0' : undefined,
      conversationStartProperties: { locale: config.locale }
    });
    var styleOptions = {
      accent: config.accentColor,
      backgroundColor: config.backgroundColor,
      botAvatarInitials: config.botAvatarImage ? undefined : config.botAvatarInitials,
      botAvatarImage: config.botAvatarImage || undefined,
      bubbleFromUserBackground: config.accentColor,
      bubbleFromUserBorderColor: config.accentColor,
      bubbleFromUserTextColor: config.accentTextColor,
      suggestedActionLayout: 'flow',
      // The assistant reads text only; an attach button would promise what it cannot do.
      hideUploadButton: true
    };
    window.WebChat.renderWebChat(
      { directLine: directLine, userID: session.userId, locale: config.locale, styleOptions: styleOptions },
      document.getElementById('webchat'));
  }

  document.getElementById('chatcare-close').addEventListener('click', function () {
    // Inside the widget's frame: ask the host page to close it (the message carries no data).
    if (window.parent !== window) { window.parent.postMessage({ type: 'chatcare:close' }, '*'); }
  });

  if (!window.WebChat) {
    showUnavailable(new Error('The Web Chat bundle did not load.'));
    return;
  }
  start().then(render).catch(showUnavailable);
})();
