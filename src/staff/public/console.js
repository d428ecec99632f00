/* global window, document, Element */
// KoSI-Bot staff console: no inline scripts (the Content-Security-Policy allows only this origin's files).
(function () {
  'use strict';
  // Buttons that ask before they act (withdraw, reject, close).
  document.addEventListener('click', function (event) {
    var target = event.target instanceof Element ? event.target.closest('[data-confirm]') : null;
    if (target && !window.confirm(target.getAttribute('data-confirm'))) event.preventDefault();
  });

  // A form that failed validation: move focus to its summary so screen readers announce it.
  window.addEventListener('DOMContentLoaded', function () {
    var problem = document.getElementById('form-problem');
    var firstInvalid = document.querySelector('[aria-invalid="true"]');
    if (firstInvalid) firstInvalid.focus();
    else if (problem) problem.focus();

    var canvas = document.getElementById('weekly-chart');
    if (canvas && window.Chart) {
      var weeks = JSON.parse(canvas.getAttribute('data-chart') || '[]');
      new window.Chart(canvas, {
        type: 'bar',
        data: {
          labels: weeks.map(function (w) { return w.week; }),
          datasets: [{ label: canvas.getAttribute('data-label'), data: weeks.map(function (w) { return w.count; }), backgroundColor: '#00528a' }],
        },
        options: { responsive: true, maintainAspectRatio: false, animation: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
      });
    }

    followBroadcastProgress();
    linkWorkshopToButton();
  });

  // A broadcast's live progress: polls its JSON route every second and updates the numbers and the
  // bar in place; once it is completed or cancelled, one reload shows the final statistics.
  function followBroadcastProgress() {
    var section = document.getElementById('broadcast-progress');
    if (!section || !window.fetch) return;
    var url = section.getAttribute('data-progress-url');
    var status = section.getAttribute('data-status');
    var labels = JSON.parse(section.getAttribute('data-status-labels') || '{}');
    var bar = document.getElementById('progress-bar');
    var failures = 0;
    var set = function (key, value) {
      var element = section.querySelector('[data-progress="' + key + '"]');
      if (element) element.textContent = String(value);
    };
    var tick = function () {
      window
        .fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' }, redirect: 'manual' })
        .then(function (response) {
          var type = response.headers.get('content-type') || '';
          if (!response.ok || type.indexOf('application/json') !== 0) throw new Error('progress answered ' + response.status);
          return response.json();
        })
        .then(function (progress) {
          failures = 0;
          if (progress.status === 'completed' || progress.status === 'cancelled') {
            // Without the query: the notice of the submit ("geht jetzt hinaus") is over.
            window.location.replace(window.location.pathname);
            return;
          }
          var done = progress.total - progress.pending;
          ['sent', 'failed', 'blocked', 'pending', 'waiting', 'skipped', 'total'].forEach(function (key) { set(key, progress[key]); });
          set('done', done);
          set('rate', Number(progress.ratePerSecond || 0).toLocaleString('de-DE', { maximumFractionDigits: 1 }));
          if (bar) {
            bar.max = Math.max(progress.total, 1);
            bar.value = done;
          }
          if (progress.status !== status) {
            status = progress.status;
            section.setAttribute('data-status', status);
            set('status', labels[status] || status);
          }
          window.setTimeout(tick, 1000);
        })
        .catch(function () {
          // A short outage is retried; a lasting one (or an ended session) says so instead of showing stale numbers.
          failures += 1;
          if (failures >= 5) {
            var stale = section.querySelector('[data-progress="stale"]');
            if (stale) stale.hidden = false;
            return;
          }
          window.setTimeout(tick, 1000 * failures);
        });
    };
    window.setTimeout(tick, 1000);
  }

  // Composer: choosing a workshop for the button fills in its deep link (`workshop-<id>`).
  function linkWorkshopToButton() {
    var workshop = document.getElementById('f-button.workshop');
    var target = document.getElementById('f-button.target');
    if (!workshop || !target) return;
    workshop.addEventListener('change', function () {
      if (!workshop.value) return;
      target.value = 'workshop-' + workshop.value;
      var deepLink = document.querySelector('input[name="button.kind"][value="deep-link"]');
      if (deepLink) deepLink.checked = true;
    });
  }
})();
