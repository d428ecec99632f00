/*
 * KoSI-Bot chat widget for city websites. One line anywhere in the page:
 *
 *   <script src="https://<host>/embed.js" data-tenant="wuppertal" async></script>
 *
 * Attributes of that script tag (all optional):
 *   data-tenant    the city (tenant id), e.g. "wuppertal" or "dortmund"; default: the service's first tenant
 *   data-start     deep-link payload that starts a journey, e.g. "workshop-42" (letters, digits, _ and -)
 *   data-label     accessible name of the button; default "Chat mit dem KoSI-Bot öffnen"
 *   data-title     title of the chat panel; default "KoSI-Bot"
 *   data-locale    the language the chat starts in, a language tag such as "ar", "tr" or "de-x-ls";
 *                  default: the page's own <html lang>. The bot greets in it if it is one of its
 *                  languages (else in the city's default), unless the person chose one before
 *   data-position  "right" or "left": the corner of the floating button; default "right", and
 *                  "left" on a right-to-left page or while the chat is in a right-to-left language
 *                  (Arabic)
 *   data-color     background of the button and the panel header (a CSS colour with at least 4.5:1
 *                  contrast to white); default "#00557f"
 *   data-open      "true": open the chat as soon as the page has loaded
 *
 * It adds a floating button that opens the chat in an iframe served by this host (/webchat/frame),
 * so the conversation stays on our origin and the city page needs no CSP change beyond allowing
 * this script (script-src) and the frame (frame-src) from <host>. Esc or the close button closes the
 * panel and returns the focus to the button. Styles are set through the DOM, never as inline <style>.
 * When the conversation turns right to left (the person chose Arabic), the frame says so and the
 * panel mirrors: its header, and (unless data-position is set) the corner.
 */
(function () {
  'use strict';

  var script = document.currentScript;
  if (!script || window.KOSI_WEBCHAT_EMBEDDED) return; // included twice: one button is enough
  window.KOSI_WEBCHAT_EMBEDDED = true;

  var origin = new URL(script.src).origin;
  var options = script.dataset;
  var color = options.color || '#00557f';
  var fixedSide = options.position === 'left' || options.position === 'right' ? options.position : '';
  var side = fixedSide || 'right';
  var LANGUAGE_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$/;
  var RIGHT_TO_LEFT = ['ar', 'ckb', 'dv', 'fa', 'he', 'ps', 'sd', 'ug', 'ur', 'yi'];
  var locale = languageTag(options.locale) || languageTag(document.documentElement.lang);
  var chatDir = locale && RIGHT_TO_LEFT.indexOf(locale.split('-')[0].toLowerCase()) >= 0 ? 'rtl' : 'ltr';
  var label = options.label || 'Chat mit dem KoSI-Bot öffnen';
  var title = options.title || 'KoSI-Bot';
  var panelId = 'kosi-webchat-panel';
  var titleId = 'kosi-webchat-title';
  var frame = null;
  var button;
  var panel;

  // The same check as the service's (anything else is left out rather than refused there).
  function languageTag(value) {
    var tag = typeof value === 'string' ? value.trim().replace(/_/g, '-') : '';
    return tag.length <= 35 && LANGUAGE_TAG.test(tag) ? tag : '';
  }

  function css(element, styles) {
    for (var key in styles) element.style[key] = styles[key];
    return element;
  }

  function frameUrl() {
    var url = new URL('/webchat/frame', origin);
    if (options.tenant) url.searchParams.set('tenant', options.tenant);
    if (options.start) url.searchParams.set('start', options.start);
    if (locale) url.searchParams.set('locale', locale);
    return url.toString();
  }

  function chatIcon() {
    var ns = 'http://www.w3.org/2000/svg';
    var svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('width', '28');
    svg.setAttribute('height', '28');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    var path = document.createElementNS(ns, 'path');
    path.setAttribute('fill', 'currentColor');
    path.setAttribute('d', 'M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm3 6v2h2V9H7zm4 0v2h2V9h-2zm4 0v2h2V9h-2z');
    svg.appendChild(path);
    return svg;
  }

  function isSmallScreen() {
    return window.matchMedia('(max-width: 480px)').matches;
  }

  function build() {
    button = css(document.createElement('button'), {
      position: 'fixed',
      bottom: '20px',
      width: '60px',
      height: '60px',
      border: '2px solid #ffffff',
      borderRadius: '50%',
      background: color,
      color: '#ffffff',
      cursor: 'pointer',
      boxShadow: '0 4px 12px rgba(0,0,0,0.3)',
      zIndex: '2147483000',
      display: 'grid',
      placeItems: 'center',
      padding: '0',
    });
    button.type = 'button';
    button.setAttribute('aria-label', label);
    button.setAttribute('aria-expanded', 'false');
    button.setAttribute('aria-controls', panelId);
    button.title = label;
    button.appendChild(chatIcon());
    button.addEventListener('click', toggle);

    panel = css(document.createElement('div'), {
      position: 'fixed',
      display: 'none',
      flexDirection: 'column',
      background: '#ffffff',
      boxShadow: '0 8px 28px rgba(0,0,0,0.3)',
      overflow: 'hidden',
      zIndex: '2147483001',
    });
    panel.id = panelId;
    panel.setAttribute('role', 'dialog');
    panel.setAttribute('aria-labelledby', titleId);

    var header = css(document.createElement('div'), {
      display: 'flex',
      alignItems: 'center',
      justifyContent: 'space-between',
      padding: '8px',
      paddingInlineStart: '16px',
      background: color,
      color: '#ffffff',
      font: '600 16px/1.4 system-ui, "Segoe UI", Roboto, Arial, sans-serif',
    });
    var heading = document.createElement('span');
    heading.id = titleId;
    heading.textContent = title;
    var close = css(document.createElement('button'), {
      width: '40px',
      height: '40px',
      border: '0',
      borderRadius: '50%',
      background: 'transparent',
      color: '#ffffff',
      font: '400 28px/1 system-ui, Arial, sans-serif',
      cursor: 'pointer',
    });
    close.type = 'button';
    close.setAttribute('aria-label', 'Chat schließen');
    close.textContent = '×';
    close.addEventListener('click', hide);
    header.appendChild(heading);
    header.appendChild(close);
    panel.appendChild(header);

    document.body.appendChild(panel);
    document.body.appendChild(button);
  }

  function isPageRightToLeft() {
    return window.getComputedStyle(document.body || document.documentElement).direction === 'rtl';
  }

  // Left on a right-to-left page and while the chat is right to left, unless data-position says.
  function mirror() {
    side = fixedSide || (chatDir === 'rtl' || isPageRightToLeft() ? 'left' : 'right');
    panel.dir = chatDir;
    button.style[side] = '20px';
    button.style[side === 'left' ? 'right' : 'left'] = 'auto';
    if (isOpen()) place();
  }

  function place() {
    var small = isSmallScreen();
    css(panel, small
      ? { top: '0', bottom: '0', left: '0', right: '0', width: '100%', height: '100%', borderRadius: '0' }
      : { top: 'auto', bottom: '92px', width: '380px', height: 'min(620px, calc(100vh - 112px))', borderRadius: '12px' });
    if (!small) {
      panel.style[side] = '20px';
      panel.style[side === 'left' ? 'right' : 'left'] = 'auto';
    }
  }

  function show() {
    if (!frame) {
      // The frame loads on the first open only: pages that never open the chat cost nothing.
      frame = css(document.createElement('iframe'), { flex: '1 1 auto', width: '100%', border: '0' });
      frame.title = title + ' Chat';
      frame.src = frameUrl();
      frame.addEventListener('load', focusFrame);
      panel.appendChild(frame);
    }
    place();
    panel.style.display = 'flex';
    button.setAttribute('aria-expanded', 'true');
    focusFrame();
  }

  function hide() {
    panel.style.display = 'none';
    button.setAttribute('aria-expanded', 'false');
    button.focus();
  }

  function toggle() {
    if (panel.style.display === 'none') show();
    else hide();
  }

  function isOpen() {
    return panel.style.display !== 'none';
  }

  function focusFrame() {
    if (!frame || !isOpen()) return;
    frame.focus();
    if (frame.contentWindow) frame.contentWindow.postMessage({ type: 'kosi-webchat:focus' }, origin);
  }

  function start() {
    build();
    mirror();
    document.addEventListener('keydown', function (event) {
      if (event.key === 'Escape' && isOpen()) hide();
    });
    window.addEventListener('message', function (event) {
      // Only our frame may close the panel (Esc pressed inside it).
      if (!frame || event.source !== frame.contentWindow || event.origin !== origin || !event.data) return;
      if (event.data.type === 'kosi-webchat:close') hide();
      // The conversation's language changed direction (e.g. the person chose Arabic).
      if (event.data.type === 'kosi-webchat:direction' && (event.data.dir === 'rtl' || event.data.dir === 'ltr') && event.data.dir !== chatDir) {
        chatDir = event.data.dir;
        mirror();
      }
    });
    window.addEventListener('resize', function () {
      if (isOpen()) place();
    });
    if (options.open === 'true') show();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
