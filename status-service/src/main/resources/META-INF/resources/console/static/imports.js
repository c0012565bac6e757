// The console's import pages: upload with progress, validation report, start form, live progress, failed rows with an
// inline fix, resubmit. Every call goes to /console/imports/api/..., which status-service streams on to ingest-service
// as the signed-in operator. Every value from a file or an import (file names, column names, cells, messages) goes
// into the page with textContent or setAttribute, never as HTML.
(function () {
  'use strict';
  var API = '/console/imports/api/';
  var PERIOD_MS = 2000;
  var FINAL = { complete: true, complete_with_errors: true, failed: true };
  var SHOWN_FAILED_ROWS = 50;

  function $(id) { return document.getElementById(id); }

  function csrf() {
    var input = document.querySelector('form.sign-out input[name=csrf]');
    return input ? input.value : '';
  }

  function text(el, value) { if (el) { el.textContent = value === null || value === undefined ? '' : String(value); } }

  function show(el, visible) { if (el) { el.hidden = !visible; } }

  function cell(tr, value, label) {
    var td = document.createElement('td');
    if (label) { td.setAttribute('data-label', label); }
    text(td, value);
    tr.appendChild(td);
    return td;
  }

  function clear(el) { while (el.firstChild) { el.removeChild(el.firstChild); } }

  /** Magento's error shape: "message" with %name or %1 placeholders filled from "parameters". */
  function message(body, fallback) {
    if (!body || typeof body.message !== 'string') { return fallback; }
    var params = body.parameters || {};
    return body.message.replace(/%(\w+)/g, function (all, name) {
      var value = Array.isArray(params) ? params[Number(name) - 1] : params[name];
      return value === undefined ? all : String(value);
    });
  }

  function parse(request) {
    try { return JSON.parse(request.responseText); } catch (e) { return null; }
  }

  /** An XHR to the forward; calls done(status, body). Upload progress to onProgress(fraction) when given. */
  function call(method, path, body, headers, done, onProgress) {
    var request = new XMLHttpRequest();
    request.open(method, API + path);
    request.setRequestHeader('Accept', 'application/json');
    if (method !== 'GET') { request.setRequestHeader('X-CSRF-Token', csrf()); }
    Object.keys(headers || {}).forEach(function (name) { request.setRequestHeader(name, headers[name]); });
    if (onProgress && request.upload) {
      request.upload.onprogress = function (e) { if (e.lengthComputable) { onProgress(e.loaded / e.total); } };
    }
    request.onload = function () { done(request.status, parse(request)); };
    request.onerror = function () { done(0, null); };
    request.send(body === undefined ? null : body);
  }

  function statusName(status) {
    return {
      queued: 'Queued', splitting: 'Splitting the file', processing: 'In progress', complete: 'Finished successfully',
      complete_with_errors: 'Finished with failures', failed: 'Failed'
    }[status] || String(status);
  }

  function statusCss(status) {
    return {
      queued: 'open', splitting: 'open', processing: 'open', complete: 'complete', complete_with_errors: 'failed', failed: 'failed'
    }[status] || 'open';
  }

  function fileType(name) {
    var lower = name.toLowerCase();
    var gzip = /\.gz$/.test(lower);
    var base = gzip ? lower.slice(0, -3) : lower;
    var type = /\.(ndjson|jsonl)$/.test(base) ? 'application/x-ndjson' : /\.json$/.test(base) ? 'application/json' : 'text/csv';
    var headers = { 'Content-Type': type };
    if (gzip) { headers['Content-Encoding'] = 'gzip'; }
    return headers;
  }

  // --- The list ----------------------------------------------------------------------------------------------

  function importsList(table) {
    var page = Number(table.getAttribute('data-page'));
    var size = Number(table.getAttribute('data-per-page'));
    var query = 'searchCriteria[page_size]=' + size + '&searchCriteria[current_page]=' + page;
    function load() {
      call('GET', 'imports?' + query, undefined, {}, function (status, body) {
        var tbody = table.querySelector('tbody');
        if (status !== 200) {
          text($('live'), message(body, 'The imports could not be read (' + status + ').'));
          window.setTimeout(load, PERIOD_MS * 5);
          return;
        }
        text($('live'), '');
        clear(tbody);
        var open = false;
        body.items.forEach(function (item) {
          var tr = document.createElement('tr');
          tr.setAttribute('data-uuid', item.import_uuid);
          var first = cell(tr, '', 'Import');
          var link = document.createElement('a');
          link.href = '/console/imports/' + encodeURIComponent(item.import_uuid);
          link.textContent = item.import_uuid;
          first.appendChild(link);
          cell(tr, item.import_type + (item.behaviour ? ' (' + item.behaviour + ')' : ''), 'Type');
          cell(tr, item.created_at, 'Started');
          cell(tr, item.rows_total === null || item.rows_total === undefined ? '' : item.rows_total, 'Rows');
          var statusCell = cell(tr, '', 'Status');
          var span = document.createElement('span');
          span.setAttribute('class', 'status ' + statusCss(item.status));
          span.textContent = statusName(item.status);
          statusCell.appendChild(span);
          tbody.appendChild(tr);
          if (!FINAL[item.status]) { open = true; }
        });
        if (body.items.length === 0) {
          var tr = document.createElement('tr');
          var td = cell(tr, 'No import yet.');
          td.setAttribute('colspan', '5');
          tbody.appendChild(tr);
        }
        show($('older'), page * size < body.total_count);
        if (open) { window.setTimeout(load, PERIOD_MS); }
      });
    }
    load();
  }

  // --- Upload, report, start ---------------------------------------------------------------------------------

  function newImport() {
    var source = null;
    var dropzone = $('dropzone');
    var input = $('file');

    function upload(file) {
      show($('upload-error'), false);
      show($('report'), false);
      show($('start-section'), false);
      show($('upload-progress'), true);
      text($('upload-label'), 'Uploading ' + file.name);
      $('upload-bar').value = 0;
      text($('upload-percent'), '0 %');
      var lastAnnounced = -1;
      call('POST', 'sources?filename=' + encodeURIComponent(file.name), file, fileType(file.name), function (status, body) {
        if (status !== 201) {
          show($('upload-progress'), false);
          text($('upload-error'), message(body, status === 0 ? 'The upload was interrupted.' : 'The upload was refused (' + status + ').'));
          show($('upload-error'), true);
          return;
        }
        $('upload-bar').value = 100;
        text($('upload-percent'), 'Uploaded and checked');
        source = body;
        report(body);
      }, function (fraction) {
        var percent = Math.floor(fraction * 100);
        $('upload-bar').value = percent;
        if (percent !== lastAnnounced && percent % 10 === 0) {
          lastAnnounced = percent;
          text($('upload-percent'), percent + ' %');
        }
      });
    }

    function report(body) {
      text($('report-filename'), body.filename || '(no name)');
      text($('report-status'), body.status);
      text($('report-format'), body.format);
      text($('report-size'), body.size + ' bytes');
      text($('report-rows'), body.rows);
      text($('report-columns'), (body.columns || []).join(', '));
      var errors = body.errors || [];
      var tbody = $('report-errors').querySelector('tbody');
      clear(tbody);
      errors.forEach(function (e) {
        var tr = document.createElement('tr');
        cell(tr, e.row, 'Row');
        cell(tr, e.message, 'Message').setAttribute('class', 'message');
        tbody.appendChild(tr);
      });
      show($('report-errors'), errors.length > 0);
      show($('report-clean'), errors.length === 0 && body.status === 'uploaded');
      show($('report'), true);
      if (body.status === 'uploaded') {
        var mapping = $('mapping').querySelector('tbody');
        clear(mapping);
        show($('start-section'), true);
        $('import-type').focus();
      } else {
        text($('upload-error'), 'The file cannot be imported: ' + (errors.length ? errors[0].message : body.status) + '. Upload a corrected file.');
        show($('upload-error'), true);
      }
    }

    function addMapping(from, to) {
      var tbody = $('mapping').querySelector('tbody');
      var n = tbody.children.length;
      var tr = document.createElement('tr');
      var sourceCell = document.createElement('td');
      var select = document.createElement('select');
      select.id = 'mapping-source-' + n;
      select.setAttribute('aria-label', 'File column of mapping ' + (n + 1));
      ((source && source.columns) || []).forEach(function (column) {
        var option = document.createElement('option');
        option.value = column;
        option.textContent = column;
        if (column === from) { option.selected = true; }
        select.appendChild(option);
      });
      sourceCell.appendChild(select);
      tr.appendChild(sourceCell);
      var targetCell = document.createElement('td');
      var target = document.createElement('input');
      target.id = 'mapping-target-' + n;
      target.setAttribute('aria-label', 'Import column of mapping ' + (n + 1));
      target.value = to || '';
      targetCell.appendChild(target);
      tr.appendChild(targetCell);
      var removeCell = document.createElement('td');
      var remove = document.createElement('button');
      remove.type = 'button';
      remove.textContent = 'Remove';
      remove.setAttribute('aria-label', 'Remove mapping ' + (n + 1));
      remove.addEventListener('click', function () { tr.parentNode.removeChild(tr); });
      removeCell.appendChild(remove);
      tr.appendChild(removeCell);
      tbody.appendChild(tr);
      select.focus();
    }

    function startError(text_) {
      text($('start-error'), text_);
      show($('start-error'), true);
    }

    function start(event) {
      event.preventDefault();
      show($('start-error'), false);
      var type = $('import-type').value;
      var spec = {
        importType: type, importBehaviour: $('behaviour').value, validationStrategy: $('strategy').value
      };
      var allowed = $('allowed-errors').value.trim();
      if (allowed !== '') {
        if (!/^\d{1,7}$/.test(allowed)) { startError('Allowed errors must be a whole number, 0 or more.'); $('allowed-errors').focus(); return; }
        spec.allowedErrorCount = Number(allowed);
      }
      if (type === 'route') { spec.route = $('route').value.trim(); }
      var store = $('store').value.trim() || 'default';
      if (!/^[a-z][a-z0-9_]{0,31}$/.test(store)) { startError('The store code is lower-case letters, digits and _.'); $('store').focus(); return; }
      var mapping = [];
      var rows = $('mapping').querySelectorAll('tbody tr');
      for (var i = 0; i < rows.length; i++) {
        var from = rows[i].querySelector('select').value;
        var to = rows[i].querySelector('input').value.trim();
        if (to === '') { startError('Mapping ' + (i + 1) + ' has no import column.'); rows[i].querySelector('input').focus(); return; }
        mapping.push({ source: from, target: to });
      }
      if (mapping.length) { spec.mapping = mapping; }
      var rulesText = $('rules').value.trim();
      if (rulesText !== '' && rulesText !== '[]') {
        var rules;
        try { rules = JSON.parse(rulesText); } catch (e) { startError('The converting rules are not valid JSON: ' + e.message); $('rules').focus(); return; }
        if (!Array.isArray(rules) || rules.some(function (r) { return !r || typeof r.identifier !== 'string'; })) {
          startError('The converting rules are a JSON array of objects, each with an "identifier".');
          $('rules').focus();
          return;
        }
        spec.convertingRules = rules;
      }
      $('start').disabled = true;
      call('POST', 'sources/' + encodeURIComponent(source.uuid) + '/start?store=' + encodeURIComponent(store),
        JSON.stringify({ 'import': spec }), { 'Content-Type': 'application/json' }, function (status, body) {
          $('start').disabled = false;
          if (status === 202 && body && body.import_uuid) {
            window.location.href = '/console/imports/' + encodeURIComponent(body.import_uuid);
          } else {
            startError(message(body, 'The import could not start (' + status + ').'));
          }
        });
    }

    input.addEventListener('change', function () { if (input.files.length) { upload(input.files[0]); } });
    dropzone.addEventListener('dragover', function (e) { e.preventDefault(); dropzone.classList.add('over'); });
    dropzone.addEventListener('dragleave', function () { dropzone.classList.remove('over'); });
    dropzone.addEventListener('drop', function (e) {
      e.preventDefault();
      dropzone.classList.remove('over');
      if (e.dataTransfer && e.dataTransfer.files.length) { upload(e.dataTransfer.files[0]); }
    });
    $('import-type').addEventListener('change', function () { show($('route-field'), $('import-type').value === 'route'); });
    $('add-mapping').addEventListener('click', function () { addMapping(null, ''); });
    $('start-form').addEventListener('submit', start);
  }

  // --- One import ----------------------------------------------------------------------------------------------

  function importDetail(root) {
    var uuid = root.getAttribute('data-uuid');
    var polling = false;

    function render(body) {
      var status = $('import-status');
      status.textContent = statusName(body.status);
      status.setAttribute('class', 'status ' + statusCss(body.status));
      status.setAttribute('data-status', body.status);
      text($('import-type'), body.import_type);
      text($('import-behaviour'), body.behaviour);
      text($('import-created'), body.created_at);
      text($('import-finished'), body.finished_at || '');
      if (body.bulk_uuid) {
        $('import-bulk').href = '/console/bulks/' + encodeURIComponent(body.bulk_uuid);
        text($('import-bulk'), body.bulk_uuid);
      }
      var counts = body.counts || { open: 0, complete: 0, failed: 0 };
      ['open', 'complete', 'failed'].forEach(function (name) {
        text(root.querySelector('[data-count="' + name + '"]'), counts[name]);
      });
      var total = body.rows_total || 0;
      var queued = body.rows_queued || 0;
      var finished = counts.complete + counts.failed;
      $('split-bar').max = Math.max(total, 1);
      $('split-bar').value = Math.min(queued, Math.max(total, 1));
      text($('split-text'), queued + ' of ' + (total || '?') + ' rows');
      $('done-bar').max = Math.max(total, 1);
      $('done-bar').value = Math.min(finished, Math.max(total, 1));
      text($('done-text'), finished + ' of ' + (total || '?') + ' rows (' + counts.failed + ' failed)');
      var warnings = $('import-warnings');
      clear(warnings);
      (body.warnings || []).forEach(function (w) {
        var li = document.createElement('li');
        li.textContent = typeof w === 'string' ? w : message(w, JSON.stringify(w));
        warnings.appendChild(li);
      });
      var tbody = $('import-errors').querySelector('tbody');
      clear(tbody);
      (body.errors || []).forEach(function (e) {
        var tr = document.createElement('tr');
        cell(tr, e.row, 'Row');
        cell(tr, e.error_code === null || e.error_code === undefined ? '' : e.error_code, 'Code');
        cell(tr, e.message, 'Message').setAttribute('class', 'message');
        tbody.appendChild(tr);
      });
      if (!(body.errors || []).length) {
        var tr = document.createElement('tr');
        cell(tr, 'No failed row.').setAttribute('colspan', '3');
        tbody.appendChild(tr);
      }
    }

    function poll() {
      if (polling) { return; }
      polling = true;
      function tick() {
        call('GET', 'imports/' + encodeURIComponent(uuid), undefined, {}, function (status, body) {
          if (status === 200) {
            show($('import-error'), false);
            text($('live'), '');
            render(body);
            if (FINAL[body.status]) { polling = false; return; }
            window.setTimeout(tick, PERIOD_MS);
          } else if (status === 404 || status === 401) {
            text($('import-error'), message(body, 'No such import.'));
            show($('import-error'), true);
            polling = false;
          } else {
            text($('live'), 'Live refresh paused: ' + message(body, 'the service did not answer.'));
            window.setTimeout(tick, PERIOD_MS * 5);
          }
        });
      }
      tick();
    }

    /** The first failed rows, read from the NDJSON download as it streams; the rest is never fetched. */
    function showFailedRows() {
      var container = $('failed-rows');
      clear(container);
      text($('fix-notice'), '');
      show($('fix-notice'), false);
      var shown = 0;
      fetch(API + 'imports/' + encodeURIComponent(uuid) + '/failed-rows', { headers: { Accept: 'application/x-ndjson' }, credentials: 'same-origin' })
        .then(function (response) {
          if (!response.ok) { throw new Error('The failed rows could not be read (' + response.status + ').'); }
          var reader = response.body.getReader();
          var decoder = new TextDecoder();
          var pending = '';
          function read() {
            return reader.read().then(function (chunk) {
              if (chunk.done) { pending += decoder.decode(); } else { pending += decoder.decode(chunk.value, { stream: true }); }
              var lines = pending.split('\n');
              pending = chunk.done ? '' : lines.pop();
              for (var i = 0; i < lines.length && shown < SHOWN_FAILED_ROWS; i++) {
                if (lines[i].trim() !== '') { container.appendChild(failedRow(JSON.parse(lines[i]))); shown++; }
              }
              if (shown >= SHOWN_FAILED_ROWS) { reader.cancel(); return null; }
              return chunk.done ? null : read();
            });
          }
          return read();
        })
        .then(function () {
          if (shown === 0) { container.textContent = 'No failed row.'; }
        })
        .catch(function (e) { container.textContent = e.message; });
    }

    function failedRow(line) {
      var article = document.createElement('article');
      article.setAttribute('class', 'failed-row');
      article.id = 'failed-row-' + line.row;
      var h3 = document.createElement('h3');
      h3.textContent = 'Row ' + line.row;
      article.appendChild(h3);
      var error = document.createElement('p');
      error.setAttribute('class', 'message');
      error.textContent = line.error || '';
      article.appendChild(error);
      var data = line.data || {};
      var flat = Object.keys(data).every(function (k) { return data[k] === null || typeof data[k] !== 'object'; });
      var form = document.createElement('form');
      form.setAttribute('class', 'fix');
      form.noValidate = true;
      var fieldset = document.createElement('fieldset');
      var legend = document.createElement('legend');
      legend.textContent = 'Fix row ' + line.row;
      fieldset.appendChild(legend);
      var inputs = {};
      var json = null;
      if (flat) {
        Object.keys(data).forEach(function (column, i) {
          var div = document.createElement('div');
          var label = document.createElement('label');
          var input = document.createElement('input');
          input.id = 'fix-' + line.row + '-' + i;
          input.setAttribute('data-column', column);
          input.value = data[column] === null ? '' : String(data[column]);
          label.setAttribute('for', input.id);
          label.textContent = column;
          div.appendChild(label);
          div.appendChild(input);
          fieldset.appendChild(div);
          inputs[column] = input;
        });
      } else {
        var label = document.createElement('label');
        json = document.createElement('textarea');
        json.id = 'fix-' + line.row + '-json';
        json.rows = 6;
        json.value = JSON.stringify(data, null, 2);
        label.setAttribute('for', json.id);
        label.textContent = 'Row data (JSON)';
        fieldset.appendChild(label);
        fieldset.appendChild(json);
      }
      var button = document.createElement('button');
      button.type = 'submit';
      button.id = 'fix-' + line.row;
      button.textContent = 'Save and run row ' + line.row + ' again';
      fieldset.appendChild(button);
      var result = document.createElement('p');
      result.setAttribute('role', 'status');
      result.setAttribute('class', 'fix-result');
      fieldset.appendChild(result);
      form.appendChild(fieldset);
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        var row;
        if (json) {
          try { row = JSON.parse(json.value); } catch (e) { result.textContent = 'Not valid JSON: ' + e.message; json.focus(); return; }
        } else {
          row = {};
          Object.keys(inputs).forEach(function (column) { row[column] = inputs[column].value; });
        }
        button.disabled = true;
        call('PUT', 'imports/' + encodeURIComponent(uuid) + '/rows/' + encodeURIComponent(line.row), JSON.stringify({ row: row }),
          { 'Content-Type': 'application/json' }, function (status, body) {
            button.disabled = false;
            if (status === 202) {
              result.textContent = 'Row ' + line.row + ' runs again.';
              article.setAttribute('data-fixed', 'true');
              poll();
            } else {
              result.textContent = message(body, 'The row was refused (' + status + ').');
            }
          });
      });
      article.appendChild(form);
      return article;
    }

    function resubmit(event) {
      event.preventDefault();
      var input = $('resubmit-file');
      var result = $('resubmit-result');
      if (!input.files.length) { text(result, 'Choose the edited file first.'); show(result, true); input.focus(); return; }
      var file = input.files[0];
      var bar = $('resubmit-bar');
      bar.value = 0;
      show(bar, true);
      call('POST', 'imports/' + encodeURIComponent(uuid) + '/resubmit', file, fileType(file.name), function (status, body) {
        show(bar, false);
        var tbody = $('resubmit-errors').querySelector('tbody');
        clear(tbody);
        if (status === 202) {
          text(result, body.rows_requeued + ' row(s) run again.');
          (body.errors || []).forEach(function (e) {
            var tr = document.createElement('tr');
            cell(tr, e.row, 'Row');
            cell(tr, e.message, 'Message').setAttribute('class', 'message');
            tbody.appendChild(tr);
          });
          show($('resubmit-errors'), (body.errors || []).length > 0);
          poll();
        } else {
          text(result, message(body, 'The file was refused (' + status + ').'));
          show($('resubmit-errors'), false);
        }
        show(result, true);
      }, function (fraction) { bar.value = Math.floor(fraction * 100); });
    }

    $('show-failed').addEventListener('click', showFailedRows);
    $('resubmit-form').addEventListener('submit', resubmit);
    poll();
  }

  document.addEventListener('DOMContentLoaded', function () {
    var list = $('imports');
    if (list) { importsList(list); }
    if ($('dropzone')) { newImport(); }
    var detail = $('import');
    if (detail) { importDetail(detail); }
  });
}());
