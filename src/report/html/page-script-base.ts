/**
 * The failure page's script, part 1 of 3: reading the embedded data, DOM helpers, the verdict
 * and the schedule. The page's script is plain browser JavaScript kept in strings (the three
 * parts run as one function, `failure-page.ts`); it builds every element with
 * `createElement` and puts every value on the page with `textContent`, never as markup, so
 * whatever a processor or a service wrote stays text. The strings hold no template literal
 * of their own.
 */
export const pageScriptBase = String.raw`
"use strict";
var data = JSON.parse(document.getElementById("eosim-data").textContent);
var lanesById = {};
data.lanes.forEach(function (lane) { lanesById[lane.id] = lane; });

function el(tag, cls, text) {
  var node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}
function add(parent) {
  for (var i = 1; i < arguments.length; i++) {
    var child = arguments[i];
    if (child === null || child === undefined) continue;
    parent.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return parent;
}
function link(href, cls, text) {
  var a = el("a", cls, text);
  a.setAttribute("href", href);
  a.addEventListener("click", function (e) { e.preventDefault(); history.replaceState(null, "", href); go(href); });
  return a;
}
function dl(pairs) {
  var list = el("dl");
  pairs.forEach(function (pair) { add(list, el("dt", null, pair[0]), el("dd", "mono", pair[1])); });
  return list;
}
function copyButton(textOf) {
  var button = el("button", "copy", "Copy");
  button.type = "button";
  button.addEventListener("click", function () {
    var text = textOf();
    var done = function () { button.textContent = "Copied"; setTimeout(function () { button.textContent = "Copy"; }, 1500); };
    var fallback = function () {
      var area = el("textarea");
      area.value = text;
      document.body.appendChild(area);
      area.select();
      try { document.execCommand("copy"); done(); } catch (e) { /* nothing to copy with */ }
      area.remove();
    };
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).then(done, fallback);
    else fallback();
  });
  return button;
}
function anomalyHref(anomaly) {
  if (anomaly.event !== null) return "#ev-" + anomaly.event;
  if (anomaly.row !== null) return "#" + data.rows[anomaly.row].anchor;
  return null;
}

function renderHeader() {
  var head = document.getElementById("head");
  var failed = data.checkers.some(function (c) { return c.valid !== "ok"; }) || data.error !== null;
  var what = data.error !== null ? data.failure + " error" : data.failure + " failure";
  add(head, add(el("h1"), el("span", failed ? "status-failed" : "status-ok", failed ? "FAIL " : "ok "), data.scenario + ": " + what));
  add(head, el("div", "muted", data.subject + " · " + data.topology));
}

function renderVerdict() {
  var box = document.getElementById("verdict");
  add(box, el("h2", null, "Verdict"));
  if (data.error !== null) add(box, el("p", "status-failed mono", data.error));
  var failing = data.checkers.filter(function (c) { return c.valid !== "ok"; });
  var passing = data.checkers.filter(function (c) { return c.valid === "ok"; });
  failing.forEach(function (c) {
    var item = add(el("div", "checker"), el("span", "name", c.checker), " ", el("span", "badge status-" + c.valid, c.valid === "failed" ? "FAILED" : "unknown"), " ", el("span", "muted", "judged " + c.evidence));
    var list = el("ul", "anomalies");
    c.anomalies.forEach(function (index) {
      var anomaly = data.anomalies[index];
      var href = anomalyHref(anomaly);
      var line = anomaly.kind + ": " + anomaly.detail;
      var li = el("li");
      li.setAttribute("data-anomaly", String(index));
      if (href === null) add(li, el("span", null, line), el("span", "where", "(nothing in the timeline to point at)"));
      else add(li, link(href, "anomaly", line), el("span", "where", data.rows[anomaly.row].label));
      list.appendChild(li);
    });
    if (c.moreAnomalies > 0) list.appendChild(el("li", "muted", "... and " + c.moreAnomalies + " more"));
    add(box, item, list);
  });
  if (passing.length > 0) {
    var ok = add(el("div", "checker"), el("span", "badge status-ok", "passed"), " ");
    passing.forEach(function (c, i) {
      var name = el("span", null, c.checker);
      name.title = "judged " + c.evidence;
      add(ok, i > 0 ? ", " : null, name);
    });
    box.appendChild(ok);
  }
  var replay = el("div", "replay");
  add(replay, el("div", null, "seed " + data.seed + (data.found === null ? "" : " · " + data.found) + (data.historyHash ? " · history " + data.historyHash : "")));
  if (data.replay !== null) {
    var command = el("code", null, data.replay);
    command.id = "replay-command";
    add(replay, add(el("div"), "replay: ", command, " ", copyButton(function () { return data.replay; })));
  }
  if (data.repro !== null) add(replay, add(el("div"), "repro: ", el("code", null, data.repro)));
  box.appendChild(replay);
  if (data.notes.length > 0) {
    var notes = el("ul", "notes");
    data.notes.forEach(function (note) { notes.appendChild(el("li", null, note)); });
    box.appendChild(notes);
  }
}

function renderSchedule() {
  var box = document.getElementById("schedule");
  add(box, el("h2", null, "Shrunk schedule (" + data.steps.length + " intent" + (data.steps.length === 1 ? "" : "s") + ")"));
  var list = el("ol", "steps mono");
  data.steps.forEach(function (step, i) {
    var anchor = "#step-" + (i + 1);
    var hasRow = data.rows.some(function (r) { return r.anchor === "step-" + (i + 1); });
    list.appendChild(add(el("li"), hasRow ? link(anchor, null, step) : el("span", null, step)));
  });
  if (data.steps.length === 0) list.appendChild(el("li", "muted", "no intents: the failure needs only the heal and the drain"));
  box.appendChild(list);
}
`;
