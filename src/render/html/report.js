// noticelint HTML report: enhancements only. The page reads without this script.
// - hover or click a highlight or marker: a popover with the findings there (message,
//   related places, notes, fix) and the rule's documentation; the finding's related places
//   light up. A link to a finding (#f1-d3, #f1-d3-i, #f1-d3-l0) does the same.
// - filters: by severity, by rule (click a row of the rule table), only files with findings.
// - printing opens every notice.
(function () {
  'use strict';
  var d = document;
  var T = JSON.parse(d.getElementById('nl-i18n').textContent);
  var ID = /^(f\d+)-d(\d+)(?:-(i|l\d+))?$/;

  // ---- lighting up a finding and its related places ----
  var lit = [];
  function unlight() {
    lit.forEach(function (el) { el.classList.remove('on'); });
    lit = [];
  }
  function light(file, n) {
    unlight();
    var sec = d.getElementById(file);
    if (!sec) return;
    var sel = '[data-d~="' + n + '"],[data-r~="' + n + '"],#' + file + '-d' + n + ',#' + file + '-d' + n + '-i,[id^="' + file + '-d' + n + '-l"]';
    sec.querySelectorAll(sel).forEach(function (el) {
      if (el.tagName === 'INS') return;
      el.classList.add('on');
      lit.push(el);
    });
  }

  // ---- popover ----
  var pop = d.createElement('div');
  pop.id = 'nl-pop';
  pop.hidden = true;
  pop.setAttribute('role', 'dialog');
  d.body.appendChild(pop);
  var pinned = false, hideTimer = 0, current = null;

  function findingsAt(el) {
    // [file, [primary numbers], [related-place numbers]]
    var sec = el.closest('details.file');
    if (!sec) return null;
    var m;
    if (el.tagName === 'A' && (m = ID.exec(el.id || ''))) {
      return m[3] ? [m[1], [], [m[2]]] : [m[1], [m[2]], []];
    }
    var p = (el.getAttribute('data-d') || '').split(' ').filter(Boolean);
    var r = (el.getAttribute('data-r') || '').split(' ').filter(Boolean);
    return [sec.id, p, r.filter(function (x) { return p.indexOf(x) < 0; })];
  }

  function entry(file, n, related) {
    var li = d.getElementById(file + '-d' + n + '-i');
    if (!li) return null;
    var box = d.createElement('div');
    if (related) {
      var p = d.createElement('p');
      p.className = 'relnote';
      p.textContent = T.related.replace('%n', n);
      box.appendChild(p);
    }
    var c = li.cloneNode(true);
    c.removeAttribute('id');
    c.classList.remove('on');
    box.appendChild(c);
    var code = li.getAttribute('data-rule');
    var doc = d.querySelector('#rule-' + code + ' .doc');
    if (doc) {
      var det = d.createElement('details');
      var sum = d.createElement('summary');
      sum.textContent = T.explain + ' ' + code;
      det.appendChild(sum);
      det.appendChild(doc.cloneNode(true));
      box.appendChild(det);
    }
    return box;
  }

  function show(el, pin) {
    var f = findingsAt(el);
    if (!f || (f[1].length + f[2].length) === 0) return;
    clearTimeout(hideTimer);
    current = el;
    pinned = pin;
    pop.textContent = '';
    var close = d.createElement('button');
    close.className = 'close';
    close.type = 'button';
    close.title = T.close;
    close.textContent = '×';
    close.addEventListener('click', hide);
    pop.appendChild(close);
    f[1].forEach(function (n) { var b = entry(f[0], n, false); if (b) pop.appendChild(b); });
    f[2].forEach(function (n) { var b = entry(f[0], n, true); if (b) pop.appendChild(b); });
    pop.hidden = false;
    var r = el.getBoundingClientRect();
    var w = pop.offsetWidth;
    var left = Math.max(8, Math.min(r.left + window.scrollX, window.scrollX + d.documentElement.clientWidth - w - 8));
    pop.style.left = left + 'px';
    pop.style.top = (r.bottom + window.scrollY + 6) + 'px';
    if (pin) light(f[0], (f[1][0] || f[2][0]));
  }
  function hide() {
    pop.hidden = true;
    pinned = false;
    current = null;
    unlight();
  }
  function target(ev) {
    var t = ev.target;
    if (!(t instanceof Element)) return null;
    return t.closest('.notice mark, .notice a.mk, .notice a.rk');
  }

  d.addEventListener('mouseover', function (ev) {
    if (pop.contains(ev.target)) { clearTimeout(hideTimer); return; }
    var t = target(ev);
    if (t && !pinned && t !== current) show(t, false);
  });
  d.addEventListener('mouseout', function (ev) {
    if (pinned) return;
    var t = target(ev);
    if (t || pop.contains(ev.target)) {
      clearTimeout(hideTimer);
      hideTimer = setTimeout(function () { if (!pinned) { pop.hidden = true; current = null; } }, 250);
    }
  });
  d.addEventListener('click', function (ev) {
    var t = target(ev);
    if (t) {
      ev.preventDefault();
      show(t, true);
      return;
    }
    if (!pop.contains(ev.target) && pinned) hide();
  });
  d.addEventListener('keydown', function (ev) { if (ev.key === 'Escape') hide(); });

  // ---- links to findings: open the notice, light the finding ----
  function follow() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id) return;
    var el = d.getElementById(id);
    if (!el) return;
    for (var p = el.parentElement; p; p = p.parentElement) if (p.tagName === 'DETAILS') p.open = true;
    var m = ID.exec(id);
    if (!m) return;
    pop.hidden = true;
    pinned = false;
    light(m[1], m[2]);
    el.scrollIntoView({ block: 'center' });
    if (!m[3]) show(el, true);
  }
  window.addEventListener('hashchange', follow);

  // ---- filters ----
  var sevOn = { e: true, w: true, i: true };
  var rule = null;
  var onlyProblems = false;
  var bar = d.createElement('div');
  bar.className = 'filters';
  var shown = d.createElement('span');
  shown.textContent = T.shown;
  bar.appendChild(shown);
  [['e', T.errors], ['w', T.warnings], ['i', T.infos]].forEach(function (s) {
    var l = d.createElement('label');
    var c = d.createElement('input');
    c.type = 'checkbox';
    c.checked = true;
    c.addEventListener('change', function () { sevOn[s[0]] = c.checked; apply(); });
    l.appendChild(c);
    var b = d.createElement('span');
    b.className = 'badge ' + s[0];
    b.textContent = s[1];
    l.appendChild(b);
    bar.appendChild(l);
  });
  var op = d.createElement('label');
  var oc = d.createElement('input');
  oc.type = 'checkbox';
  oc.addEventListener('change', function () { onlyProblems = oc.checked; apply(); });
  op.appendChild(oc);
  op.appendChild(d.createTextNode(' ' + T.onlyProblems));
  bar.appendChild(op);
  var picked = d.createElement('span');
  picked.className = 'picked-rule';
  bar.appendChild(picked);
  var all = d.createElement('button');
  all.type = 'button';
  all.textContent = T.all;
  all.addEventListener('click', function () {
    rule = null; onlyProblems = false; oc.checked = false;
    sevOn = { e: true, w: true, i: true };
    bar.querySelectorAll('label input').forEach(function (c) { c.checked = c !== oc; });
    apply();
  });
  bar.appendChild(all);
  [[T.expand, true], [T.collapse, false]].forEach(function (x) {
    var b = d.createElement('button');
    b.type = 'button';
    b.textContent = x[0];
    b.addEventListener('click', function () {
      d.querySelectorAll('details.file').forEach(function (s) { if (!s.hidden) s.open = x[1]; });
    });
    bar.appendChild(b);
  });
  var header = d.querySelector('header');
  if (header) header.appendChild(bar);

  d.querySelectorAll('table.rules tr[data-rule]').forEach(function (tr) {
    tr.addEventListener('click', function (ev) {
      var code = tr.getAttribute('data-rule');
      rule = rule === code ? null : code;
      ev.preventDefault();
      apply();
    });
  });

  function apply() {
    var filtering = rule !== null || !sevOn.e || !sevOn.w || !sevOn.i;
    picked.textContent = rule ? T.rule + rule : '';
    d.querySelectorAll('table.rules tr[data-rule]').forEach(function (tr) {
      tr.classList.toggle('picked', tr.getAttribute('data-rule') === rule);
    });
    d.querySelectorAll('details.file').forEach(function (sec) {
      var visible = {};
      var count = 0;
      sec.querySelectorAll('li.fd').forEach(function (li) {
        var ok = sevOn[li.getAttribute('data-sev')] && (rule === null || li.getAttribute('data-rule') === rule);
        li.hidden = !ok;
        if (ok) { visible[li.getAttribute('data-n')] = true; count++; }
      });
      sec.querySelectorAll('.notice mark').forEach(function (m) {
        var ns = ((m.getAttribute('data-d') || '') + ' ' + (m.getAttribute('data-r') || '')).split(' ').filter(Boolean);
        var on = ns.length === 0 || ns.some(function (n) { return visible[n]; });
        m.classList.toggle('off', !on);
      });
      sec.querySelectorAll('.notice a.mk, .notice a.rk').forEach(function (a) {
        var m = ID.exec(a.id);
        a.classList.toggle('off', !!m && !visible[m[2]]);
      });
      var hide = (filtering || onlyProblems) && count === 0;
      sec.hidden = hide;
      var row = d.querySelector('tr[data-file="' + sec.id + '"]');
      if (row) row.hidden = hide;
    });
  }

  // ---- printing: every notice open, as on paper nothing can be clicked ----
  var closed = [];
  window.addEventListener('beforeprint', function () {
    closed = [];
    d.querySelectorAll('details').forEach(function (s) { if (!s.open) { closed.push(s); s.open = true; } });
  });
  window.addEventListener('afterprint', function () {
    closed.forEach(function (s) { s.open = false; });
    closed = [];
  });

  follow();
  d.documentElement.classList.add('js');
})();
