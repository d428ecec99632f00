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
  });
})();
