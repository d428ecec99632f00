// Served as /webchat/webchat.js when the Web Chat bundle was not installed (npm run postinstall).
(function () {
  'use strict';
  window.KOSI_WEBCHAT_MISSING = true;
  function show() {
    var status = document.getElementById('webchat-status');
    var message = 'Der Chat ist gerade nicht verfügbar: auf dem Server fehlt das Web-Chat-Paket ("npm run postinstall" ausführen).';
    if (status) {
      status.textContent = message;
      status.hidden = false;
      status.classList.add('chat__status--error');
    } else {
      var note = document.createElement('p');
      note.setAttribute('role', 'alert');
      note.textContent = message;
      document.body.prepend(note);
    }
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', show);
  else show();
})();
