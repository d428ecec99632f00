// Starts Microsoft Web Chat on the demo page (/) and in the widget frame (/webchat/frame) against
// this host's Direct Line API. No secret reaches the browser: /webchat/token hands out a token for
// one conversation. localStorage keeps the signed ticket (the same browser stays the same person),
// sessionStorage the conversation id (a reload resumes it). ?tenant=<id> picks the city,
// ?start=<payload> starts a journey (deep link).
(function () {
  'use strict';

  var EXPIRED_TOKEN = 3; // botframework-directlinejs ConnectionStatus.ExpiredToken
  var root = document.getElementById('webchat');
  var status = document.getElementById('webchat-status');
  var params = new URL(location.href).searchParams;
  var tenant = params.get('tenant') || '';
  var start = params.get('start') || '';
  var ticketKey = 'kosi-webchat:ticket:' + (tenant || 'default');
  var conversationKey = 'kosi-webchat:conversation:' + (tenant || 'default');
  var startedKey = 'kosi-webchat:started-with:' + (tenant || 'default');
  var isFrame = document.body.classList.contains('frame');
  // The widget frame gets data-start on every page view: once this visit's conversation began with
  // that deep link, resume it instead of starting over.
  if (start && read(sessionStorage, conversationKey) && read(sessionStorage, startedKey) === start) start = '';

  function say(message, isError) {
    status.textContent = message;
    status.hidden = false;
    status.classList.toggle('chat__status--error', Boolean(isError));
  }

  // Storage can be blocked (private mode, third-party frames): the chat then works for this visit only.
  function read(storage, key) {
    try {
      return storage.getItem(key);
    } catch {
      return null;
    }
  }
  function write(storage, key, value) {
    try {
      if (value) storage.setItem(key, value);
      else storage.removeItem(key);
    } catch {
      /* not kept, see above */
    }
  }

  function requestToken(useTicket) {
    var body = {};
    var ticket = useTicket ? read(localStorage, ticketKey) : null;
    var conversationId = read(sessionStorage, conversationKey);
    if (tenant) body.tenant = tenant;
    if (ticket) body.ticket = ticket;
    if (start) body.start = start;
    else if (conversationId) body.conversationId = conversationId;
    return fetch('/webchat/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    }).then(function (response) {
      return response
        .json()
        .catch(function () {
          return {};
        })
        .then(function (data) {
          // A ticket this service no longer accepts (e.g. a rotated secret): start over as a new visitor.
          if (response.status === 401 && ticket) {
            write(localStorage, ticketKey, null);
            return requestToken(false);
          }
          if (response.status === 404) throw new Error('Diesen Chat gibt es nicht: die Stadt „' + tenant + '“ ist nicht bekannt.');
          if (!response.ok) throw new Error('Der Chat konnte nicht geladen werden. Bitte laden Sie die Seite später neu.');
          write(localStorage, ticketKey, data.ticket);
          write(sessionStorage, conversationKey, data.conversationId);
          if (body.start) write(sessionStorage, startedKey, body.start);
          return data;
        });
    });
  }

  function forgetStartParameter() {
    if (!start) return;
    start = '';
    var url = new URL(location.href);
    url.searchParams.delete('start');
    window.history.replaceState(null, '', url.toString());
  }

  function showTenantName(data) {
    var name = data.tenant && data.tenant.name;
    if (!name) return;
    var targets = document.querySelectorAll('[data-tenant-name]');
    for (var i = 0; i < targets.length; i++) targets[i].textContent = name;
  }

  function focusSendBox() {
    var input = root.querySelector('.webchat__send-box-text-box__input, input[type="text"], textarea');
    if (input) input.focus();
  }

  // After a laptop slept past the token's lifetime, a poll meets an expired token and Web Chat ends
  // its connection for good. Fetch a new token for the same conversation and start Web Chat afresh:
  // it replays the history and carries on.
  function restartOnExpiry(directLine) {
    var restarting = false;
    directLine.connectionStatus$.subscribe(function (connectionStatus) {
      if (connectionStatus !== EXPIRED_TOKEN || restarting) return;
      restarting = true;
      requestToken(true)
        .then(function (data) {
          var hadFocus = root.contains(document.activeElement);
          var fresh = root.cloneNode(false);
          root.parentNode.replaceChild(fresh, root);
          root = fresh;
          render(data);
          if (hadFocus) window.setTimeout(focusSendBox, 0);
        })
        .catch(function (error) {
          say(error.message, true);
        });
    });
  }

  function render(data) {
    var directLine = window.WebChat.createDirectLine({
      domain: location.origin + '/v3/directline',
      token: data.token,
      conversationId: data.conversationId,
      webSocket: false,
    });
    restartOnExpiry(directLine);
    window.WebChat.renderWebChat(
      {
        directLine: directLine,
        locale: data.tenant && data.tenant.locale === 'en' ? 'en-US' : 'de-DE',
        styleOptions: {
          accent: '#00557f',
          bubbleFromUserBackground: '#00557f',
          bubbleFromUserTextColor: '#ffffff',
          bubbleFromUserBorderRadius: 12,
          bubbleBorderRadius: 12,
          suggestedActionBorderRadius: 8,
          suggestedActionLayout: 'flow',
          hideUploadButton: true,
          sendBoxTextWrap: true,
          rootHeight: '100%',
          primaryFont: 'system-ui, "Segoe UI", Roboto, Arial, sans-serif',
        },
      },
      root,
    );
    status.hidden = true;
    if (isFrame) window.setTimeout(focusSendBox, 0);
  }

  if (isFrame) {
    document.addEventListener('keydown', function (event) {
      // embed.js closes the panel; key events inside the frame never reach the city page.
      if (event.key === 'Escape' && !event.defaultPrevented) window.parent.postMessage({ type: 'kosi-webchat:close' }, '*');
    });
    window.addEventListener('message', function (event) {
      if (event.source === window.parent && event.data && event.data.type === 'kosi-webchat:focus') focusSendBox();
    });
  }

  if (window.KOSI_WEBCHAT_MISSING || !window.WebChat) {
    if (!window.KOSI_WEBCHAT_MISSING) say('Der Chat konnte nicht geladen werden (Web Chat fehlt).', true);
    return;
  }
  requestToken(true)
    .then(function (data) {
      forgetStartParameter();
      showTenantName(data);
      render(data);
    })
    .catch(function (error) {
      say(error.message || 'Der Chat konnte nicht geladen werden.', true);
    });
})();
