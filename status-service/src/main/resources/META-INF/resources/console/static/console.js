// The console's only script (the Content-Security-Policy allows no other): live refresh of the bulk actions log
// and of a bulk's counts by polling small JSON reads, updating the page in place. Every value goes in with
// textContent or setAttribute, never as HTML.
(function () {
  'use strict';
  var SVG = 'http://www.w3.org/2000/svg';
  var PERIOD_MS = 2000;

  function drawBar(svg, row) {
    if (!svg) { return; }
    while (svg.childNodes.length > 2) { svg.removeChild(svg.lastChild); }
    svg.setAttribute('aria-label', row.summary);
    svg.querySelector('title').textContent = row.summary;
    row.segments.forEach(function (s) {
      var rect = document.createElementNS(SVG, 'rect');
      rect.setAttribute('class', s.css);
      rect.setAttribute('x', String(s.x));
      rect.setAttribute('y', '0');
      rect.setAttribute('width', String(s.width));
      rect.setAttribute('height', '10');
      svg.appendChild(rect);
    });
  }

  function setStatus(el, row) {
    if (!el) { return; }
    el.textContent = row.status;
    el.setAttribute('class', 'status ' + row.status_css);
  }

  function find(attribute, uuid) {
    var all = document.querySelectorAll('[' + attribute + ']');
    for (var i = 0; i < all.length; i++) {
      if (all[i].getAttribute(attribute) === uuid) { return all[i]; }
    }
    return null;
  }

  function poll(url, apply) {
    var live = document.getElementById('live');
    function tick() {
      var request = new XMLHttpRequest();
      request.open('GET', url);
      request.setRequestHeader('Accept', 'application/json');
      request.onload = function () {
        if (request.status === 200) {
          apply(JSON.parse(request.responseText));
          if (live) { live.textContent = ''; }
        } else if (request.status === 401) {
          if (live) { live.textContent = 'Signed out: sign in again to see live progress.'; }
          return;
        }
        window.setTimeout(tick, PERIOD_MS);
      };
      request.onerror = function () {
        if (live) { live.textContent = 'Live refresh paused: the service did not answer.'; }
        window.setTimeout(tick, PERIOD_MS * 5);
      };
      request.send();
    }
    window.setTimeout(tick, PERIOD_MS);
  }

  function updateRow(row) {
    drawBar(find('data-bar', row.uuid), row);
    setStatus(find('data-status', row.uuid), row);
    var summary = find('data-summary', row.uuid);
    if (summary) { summary.textContent = row.summary; }
  }

  document.addEventListener('DOMContentLoaded', function () {
    var log = document.querySelector('table.bulks[data-refresh]');
    if (log) {
      poll(log.getAttribute('data-refresh'), function (body) {
        var shown = {};
        Array.prototype.forEach.call(log.querySelectorAll('tbody tr[data-uuid]'), function (tr) {
          shown[tr.getAttribute('data-uuid')] = true;
        });
        var fresh = 0;
        body.rows.forEach(function (row) {
          if (shown[row.uuid]) { updateRow(row); } else { fresh++; }
        });
        var live = document.getElementById('live');
        if (fresh > 0 && live) {
          live.textContent = '';
          var link = document.createElement('a');
          link.href = window.location.pathname + window.location.search;
          link.textContent = fresh + ' new bulk(s): show them';
          live.appendChild(link);
        }
      });
    }
    var detail = document.querySelector('section[data-refresh]');
    if (detail) {
      poll(detail.getAttribute('data-refresh'), function (row) {
        updateRow(row);
        Object.keys(row.counts).forEach(function (name) {
          var cell = detail.querySelector('[data-count="' + name + '"]');
          if (cell) { cell.textContent = String(row.counts[name]); }
        });
      });
    }
  });
}());
