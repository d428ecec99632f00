// Starts Microsoft Web Chat on the demo page (/) and in the widget frame (/webchat/frame) against
// this host's Direct Line API. No secret reaches the browser: /webchat/token hands out a token for
// one conversation. localStorage keeps the signed ticket (the same browser stays the same person),
// sessionStorage the conversation id (a reload resumes it). ?tenant=<id> picks the city,
// ?start=<payload> starts a journey (deep link), ?locale=<tag> preselects the language (the widget
// frame gets the city page's from embed.js; without one, the bot greets in the city's language).
// The chat follows the language the bot speaks: Web Chat's own strings, lang, and right to left for
// Arabic.
(function () {
  'use strict';

  var ONLINE = 2; // botframework-directlinejs ConnectionStatus.Online
  var EXPIRED_TOKEN = 3; // botframework-directlinejs ConnectionStatus.ExpiredToken
  var root = document.getElementById('webchat');
  var status = document.getElementById('webchat-status');
  var params = new URL(location.href).searchParams;
  var tenant = params.get('tenant') || '';
  var start = params.get('start') || '';
  var ticketKey = 'kosi-webchat:ticket:' + (tenant || 'default');
  var conversationKey = 'kosi-webchat:conversation:' + (tenant || 'default');
  var startedKey = 'kosi-webchat:started-with:' + (tenant || 'default');
  var languageKey = 'kosi-webchat:language:' + (tenant || 'default');
  var isFrame = document.body.classList.contains('frame');
  // The widget frame gets data-start on every page view: once this visit's conversation began with
  // that deep link, resume it instead of starting over.
  if (start && read(sessionStorage, conversationKey) && read(sessionStorage, startedKey) === start) start = '';

  // The server accepts language tags like de-DE, de-x-ls or ar (see client-activity.ts); anything
  // else a page puts into lang="…" is ignored rather than sent and refused.
  var LANGUAGE_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$/;
  // The bot's languages (SUPPORTED_LOCALES in config-types.ts) and the Web Chat bundle's strings
  // for each; Leichte Sprache (de-x-ls) uses the German ones.
  var WEB_CHAT_LOCALES = { de: 'de-DE', en: 'en-US', tr: 'tr-TR', uk: 'uk-UA', ar: 'ar-SA', ru: 'ru-RU', pl: 'pl-PL' };
  var RIGHT_TO_LEFT = ['ar', 'ckb', 'dv', 'fa', 'he', 'ps', 'sd', 'ug', 'ur', 'yi'];

  function languageTag(value) {
    var tag = typeof value === 'string' ? value.trim().replace(/_/g, '-') : '';
    return tag.length <= 35 && LANGUAGE_TAG.test(tag) ? tag : '';
  }
  function baseLanguage(tag) {
    return tag.split('-')[0].toLowerCase();
  }
  function isKnownLanguage(tag) {
    return Boolean(tag) && Object.prototype.hasOwnProperty.call(WEB_CHAT_LOCALES, baseLanguage(tag));
  }
  function directionOf(tag) {
    return tag && RIGHT_TO_LEFT.indexOf(baseLanguage(tag)) >= 0 ? 'rtl' : 'ltr';
  }

  // The demo page is ours, not the city's: its own <html lang> says nothing about the visitor.
  var requestedLocale = languageTag(params.get('locale') || '');
  // The language the chat is in: the one the bot's latest message said (kept for a reload of this
  // conversation), else until it says one the preselected one, else the city's default.
  var remembered = !start && read(sessionStorage, conversationKey) ? languageTag(read(sessionStorage, languageKey)) : '';
  var language = remembered || (isKnownLanguage(requestedLocale) ? requestedLocale : '');
  var webChatProps = null;

  var STYLE_OPTIONS = {
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
  };

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
    if (requestedLocale) body.locale = requestedLocale;
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

  // botframework-directlinejs receives over the WebSocket stream (streamUrl), but it never falls back
  // to polling when the socket fails: it asks for a new streamUrl and tries again every 3 to 15 s,
  // for good. Behind a proxy that does not pass WebSockets on (nginx without the Upgrade headers), or
  // when the service refuses the stream (429: too many from one address), the chat would stay
  // silent. So the library gets this stand-in for the browser's WebSocket: it opens the real one,
  // and when that never opens, it reads the same activity sets by polling GET …/activities once a
  // second, as the library itself does with webSocket: false. It polls at once when the service
  // offers no streamUrl, and after two sockets of this page that never opened. On an https page it
  // asks for wss: even if the service said ws: (a proxy that did not tell it about https).
  var POLL_MS = 1000;
  var SOCKET_OPEN_TIMEOUT_MS = 5000;
  var socketsThatFailed = 0;

  function secureStreamUrl(url) {
    return location.protocol === 'https:' ? url.replace(/^ws:/, 'wss:') : url;
  }

  function streamOrPoll(directLine) {
    var NativeWebSocket = window.WebSocket;
    // Called with `new` by the library; returns the object it then uses as its socket.
    function StreamSocket(url) {
      var self = {};
      var socket = null;
      var opened = false;
      var pollTimer = 0;
      var openTimer = 0;
      url = url ? secureStreamUrl(String(url)) : '';
      self.url = url;
      self.readyState = 0; // CONNECTING
      self.onopen = self.onmessage = self.onclose = self.onerror = null;

      function emit(handler, event) {
        if (typeof self[handler] === 'function') self[handler](event);
      }
      function open() {
        if (self.readyState !== 0) return false;
        opened = true;
        self.readyState = 1; // OPEN
        emit('onopen', { type: 'open' });
        return true;
      }
      function closed(code) {
        if (self.readyState === 3) return;
        window.clearTimeout(pollTimer);
        self.readyState = 3; // CLOSED
        emit('onclose', { type: 'close', code: code, reason: '', wasClean: false });
      }

      // GET …/conversations/<id>/activities?watermark= beside …/conversations/<id>/stream, with the
      // library's current token (it refreshes it every 15 minutes).
      function poll() {
        var watermark = directLine.watermark || '';
        var streamToken = '';
        var activities = directLine.domain + '/conversations/' + encodeURIComponent(directLine.conversationId) + '/activities';
        if (url) {
          var target = new URL(url);
          watermark = target.searchParams.get('watermark') || '';
          streamToken = target.searchParams.get('t') || '';
          target.protocol = target.protocol === 'wss:' ? 'https:' : 'http:';
          target.pathname = target.pathname.replace(/\/stream$/, '/activities');
          target.search = '';
          activities = target.href;
        }
        function next() {
          if (self.readyState !== 1) return;
          var started = Date.now();
          function later() {
            pollTimer = window.setTimeout(next, Math.max(0, POLL_MS - (Date.now() - started)));
          }
          // An expired token waits for restartOnExpiry (or the page's reconnect()), as the library's own polling does.
          if (directLine.connectionStatus$.getValue() !== ONLINE) return later();
          fetch(activities + '?watermark=' + encodeURIComponent(watermark), {
            headers: { Accept: 'application/json', Authorization: 'Bearer ' + (directLine.token || streamToken) },
            cache: 'no-store',
          })
            .then(function (response) {
              if (response.status === 403) {
                directLine.connectionStatus$.next(EXPIRED_TOKEN);
                return later();
              }
              if (!response.ok) throw new Error('poll answered ' + response.status);
              return response.json().then(function (activitySet) {
                if (self.readyState !== 1) return;
                if (activitySet.activities.length > 0 || activitySet.watermark !== watermark) {
                  watermark = activitySet.watermark;
                  emit('onmessage', { type: 'message', data: JSON.stringify(activitySet) });
                }
                later();
              });
            })
            // Gone (404) or unreachable: the library reconnects, and learns which of the two.
            .catch(function () {
              closed(1006);
            });
        }
        window.setTimeout(function () {
          if (open()) next();
        }, 0);
      }

      function fallBack() {
        socketsThatFailed += 1;
        socket = null;
        poll();
      }

      self.send = function (data) {
        if (socket && socket.readyState === 1) socket.send(data);
      };
      self.close = function () {
        window.clearTimeout(openTimer);
        if (socket && socket.readyState < 2) socket.close();
        socket = null;
        window.setTimeout(function () {
          closed(1000);
        }, 0);
      };

      if (!url || socketsThatFailed >= 2) {
        poll();
        return self;
      }
      try {
        socket = new NativeWebSocket(url);
      } catch {
        fallBack();
        return self;
      }
      openTimer = window.setTimeout(function () {
        if (opened || !socket) return;
        var stuck = socket;
        stuck.onclose = stuck.onerror = null;
        stuck.close();
        fallBack();
      }, SOCKET_OPEN_TIMEOUT_MS);
      socket.onopen = function () {
        window.clearTimeout(openTimer);
        socketsThatFailed = 0;
        open();
      };
      socket.onmessage = function (event) {
        emit('onmessage', event);
      };
      socket.onerror = function (event) {
        if (opened) emit('onerror', event);
      };
      socket.onclose = function (event) {
        window.clearTimeout(openTimer);
        if (opened) closed(event.code);
        else if (socket) fallBack();
      };
      return self;
    }
    // The library picks its WebSocket class up from here when it opens a socket (botframework-directlinejs 0.15).
    if (directLine.services && directLine.services.WebSocket) directLine.services.WebSocket = StreamSocket;
    return directLine;
  }

  // After a laptop slept past the token's lifetime, a poll or a post meets an expired token and Web
  // Chat ends its connection for good. Fetch a new token for the same conversation and start Web
  // Chat afresh: it replays the history and carries on. The old connection ends (its socket closes).
  function restartOnExpiry(directLine) {
    var restarting = false;
    directLine.connectionStatus$.subscribe(function (connectionStatus) {
      if (connectionStatus !== EXPIRED_TOKEN || restarting) return;
      restarting = true;
      requestToken(true)
        .then(function (data) {
          window.setTimeout(function () {
            directLine.end();
          }, 0);
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

  function webChatLocale() {
    return WEB_CHAT_LOCALES[baseLanguage(language || 'de')] || 'de-DE';
  }

  // lang and dir on the chat's own element (screen readers pick the voice, CSS the side); the demo
  // page mirrors its layout, and embed.js mirrors the launcher on the city page.
  function applyLanguage() {
    var dir = directionOf(language);
    root.setAttribute('dir', dir);
    if (language) root.setAttribute('lang', language);
    else root.removeAttribute('lang');
    if (isFrame && window.parent !== window) window.parent.postMessage({ type: 'kosi-webchat:direction', dir: dir }, '*');
    else document.body.setAttribute('data-chat-dir', dir);
    var section = root.closest('.chat');
    if (section) section.setAttribute('dir', dir);
    return dir;
  }

  // Web Chat is rendered again with the new props onto the same element: the transcript stays.
  function renderWebChat() {
    if (!webChatProps) return;
    webChatProps.locale = webChatLocale();
    webChatProps.dir = applyLanguage();
    window.WebChat.renderWebChat(Object.assign({}, webChatProps), root);
  }

  var rerenderPending = false;
  function followLanguage(tag) {
    if (!tag || tag === language) return;
    var before = webChatLocale() + directionOf(language);
    language = tag;
    write(sessionStorage, languageKey, tag);
    if (webChatLocale() + directionOf(language) === before) {
      applyLanguage();
      return;
    }
    // Never render from inside Web Chat's own dispatch: after it, on the next task.
    if (rerenderPending) return;
    rerenderPending = true;
    window.setTimeout(function () {
      rerenderPending = false;
      var hadFocus = root.contains(document.activeElement);
      renderWebChat();
      // A pressed button that went away with its message: the send box, not the page, has the focus.
      if (hadFocus && !root.contains(document.activeElement)) focusSendBox();
    }, 0);
  }

  // Every message from the bot says its language (the one the person chose, or the preselected one).
  function createStore() {
    return window.WebChat.createStore({}, function () {
      return function (next) {
        return function (action) {
          var activity = action && action.type === 'DIRECT_LINE/INCOMING_ACTIVITY' && action.payload && action.payload.activity;
          if (activity && activity.type === 'message' && activity.from && activity.from.role === 'bot') followLanguage(languageTag(activity.locale));
          return next(action);
        };
      };
    });
  }

  // Web Chat stamps its UI locale (e.g. de-DE for Leichte Sprache) on what the person sends; the bot
  // should see the conversation's language instead, the one it last spoke.
  function sendInLanguage(directLine) {
    var postActivity = directLine.postActivity.bind(directLine);
    directLine.postActivity = function (activity) {
      return postActivity(language && activity ? Object.assign({}, activity, { locale: language }) : activity);
    };
    return directLine;
  }

  function render(data) {
    if (!language && data.tenant && data.tenant.locale) language = languageTag(data.tenant.locale);
    var directLine = window.WebChat.createDirectLine({
      domain: location.origin + '/v3/directline',
      token: data.token,
      conversationId: data.conversationId,
      webSocket: true,
    });
    streamOrPoll(directLine);
    restartOnExpiry(directLine);
    webChatProps = {
      directLine: sendInLanguage(directLine),
      store: createStore(),
      styleOptions: STYLE_OPTIONS,
    };
    renderWebChat();
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
