(function () {
  'use strict';
  var form = document.getElementById('filters');
  if (!form) { return; }
  var status = document.getElementById('filter-status');
  var cause = document.getElementById('filter-cause');
  var text = document.getElementById('filter-target');
  var shown = document.getElementById('filter-count');
  var targets = Array.prototype.slice.call(document.querySelectorAll('details.target'));
  var causes = Array.prototype.slice.call(document.querySelectorAll('section.cause'));
  var names = targets.map(function (t) { return t.querySelector('.name').textContent.toLowerCase(); });
  var rows = targets.map(function (t) { return Array.prototype.slice.call(t.querySelectorAll('tr[data-s]')); });

  function apply() {
    var s = status.value, c = cause.value, q = text.value.trim().toLowerCase(), count = 0;
    for (var i = 0; i < targets.length; i++) {
      var nameMatches = !q || names[i].indexOf(q) >= 0, any = false;
      for (var j = 0; j < rows[i].length; j++) {
        var r = rows[i][j];
        var match = nameMatches && (!s || r.getAttribute('data-s') === s) && (!c || (' ' + r.getAttribute('data-c') + ' ').indexOf(' ' + c + ' ') >= 0);
        r.hidden = !match;
        any = any || match;
      }
      targets[i].hidden = !any;
      if (any) { count++; }
    }
    for (var k = 0; k < causes.length; k++) {
      causes[k].hidden = !!c && causes[k].getAttribute('data-c') !== c;
    }
    shown.textContent = count + ' of ' + targets.length + ' targets shown';
  }

  // A filtered view can be shared as a link: report.html?status=Failed&cause=NoNetworkAccess&target=web
  var params = new URLSearchParams(window.location.search);
  function pick(select, value) {
    for (var o = 0; o < select.options.length; o++) {
      if (select.options[o].value === value) { select.value = value; return; }
    }
  }
  pick(status, params.get('status'));
  pick(cause, params.get('cause'));
  text.value = params.get('target') || '';

  form.addEventListener('submit', function (e) { e.preventDefault(); });
  status.addEventListener('change', apply);
  cause.addEventListener('change', apply);
  text.addEventListener('input', apply);
  form.hidden = false;
  apply();
}());
