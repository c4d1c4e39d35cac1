/**
 * The failure page's script, part 2 of 3: the filters (instance, partition, anomaly, only
 * highlighted events), the timeline (one column per lane, a row header per step, one line per
 * event with a box in the lane it happened in and a dot in the lane of who made it happen),
 * the text view (one line per event, to copy), and navigation by anchor (`#step-3`, `#ev-12`,
 * `#input-2-1`), which scrolls to and highlights its target. See `page-script-base.ts`.
 */
export const pageScriptTimeline = String.raw`
var filters = { instance: "", partition: "", anomaly: "", marked: false };
var view = "timeline";

function filtersActive() { return filters.instance !== "" || filters.partition !== "" || filters.anomaly !== "" || filters.marked; }
function laneVisible(lane) {
  return (filters.instance === "" || lane.instance === null || String(lane.instance) === filters.instance)
    && (filters.partition === "" || lane.partition === null || String(lane.partition) === filters.partition);
}
function eventVisible(ev) {
  if (filters.instance !== "" && ev.instance !== null && String(ev.instance) !== filters.instance) return false;
  if (filters.partition !== "" && ev.partition !== null && String(ev.partition) !== filters.partition) return false;
  if (filters.anomaly !== "" && data.anomalies[Number(filters.anomaly)].related.indexOf(ev.id) < 0) return false;
  if (filters.marked && ev.marks.length === 0 && ev.anomalies.length === 0) return false;
  return laneVisible(lanesById[ev.lane]);
}
function visibleRows() {
  var out = [];
  data.rows.forEach(function (row, r) {
    var events = row.events.map(function (i) { return data.events[i]; }).filter(eventVisible);
    var keep = events.length > 0 || (row.kind === "intent" && filters.anomaly === "" && !filters.marked);
    if (keep) out.push({ row: row, index: r, events: events });
  });
  return out;
}

function select(id, options) {
  var labelled = document.createElement("select");
  labelled.id = "filter-" + id;
  options.forEach(function (option) {
    var node = el("option", null, option[1]);
    node.value = option[0];
    labelled.appendChild(node);
  });
  labelled.addEventListener("change", function () { filters[id] = labelled.value; renderTimeline(); });
  return add(el("label"), id + " ", labelled);
}

function renderToolbar() {
  var bar = document.getElementById("toolbar");
  var instances = [["", "all"]];
  for (var i = 0; i < data.lanes.length; i++) if (data.lanes[i].kind === "instance") instances.push([String(data.lanes[i].instance), "instance " + data.lanes[i].instance]);
  var partitions = [["", "all"]];
  var seen = {};
  data.lanes.forEach(function (lane) {
    if (lane.partition === null || seen[lane.partition]) return;
    seen[lane.partition] = true;
    partitions.push([String(lane.partition), "p" + lane.partition]);
  });
  partitions.sort(function (a, b) { return a[0] === "" ? -1 : b[0] === "" ? 1 : Number(a[0]) - Number(b[0]); });
  var anomalies = [["", "all events"]].concat(data.anomalies.map(function (a) {
    var text = a.checker + ": " + a.kind + ": " + a.detail;
    return [String(a.index), text.length > 70 ? text.slice(0, 67) + "..." : text];
  }));
  var marked = el("input");
  marked.type = "checkbox";
  marked.id = "filter-marked";
  marked.addEventListener("change", function () { filters.marked = marked.checked; renderTimeline(); });
  var toggle = el("button", null, "Text view");
  toggle.type = "button";
  toggle.id = "toggle-view";
  toggle.addEventListener("click", function () { view = view === "timeline" ? "text" : "timeline"; toggle.textContent = view === "timeline" ? "Text view" : "Timeline view"; renderTimeline(); });
  add(bar, select("instance", instances), select("partition", partitions), select("anomaly", anomalies), add(el("label"), marked, " only highlighted"), toggle, copyButton(textView));
  var legend = el("div", "legend");
  [["duplicate", "duplicate"], ["loss", "loss"], ["fenced", "fenced or refused"], ["restore", "restore"], ["divergence", "first divergence"], ["crash", "crash"]].forEach(function (m) {
    add(legend, el("span", "box mark-" + m[0], m[1]));
  });
  bar.parentNode.insertBefore(legend, bar.nextSibling);
}

function resetFilters() {
  filters = { instance: "", partition: "", anomaly: "", marked: false };
  ["instance", "partition", "anomaly"].forEach(function (id) { document.getElementById("filter-" + id).value = ""; });
  document.getElementById("filter-marked").checked = false;
}

function rowHeader(row, index) {
  var header = el("button", "tl-row" + (row.kind === "drain" ? " drain" : "") + (row.applied === false ? " noop" : ""));
  header.type = "button";
  header.id = row.anchor;
  add(header, el("span", "label", row.label), el("span", null, row.text), row.applied === false ? el("span", "where", "(no-op)") : null);
  header.addEventListener("click", function () { history.replaceState(null, "", "#" + row.anchor); go("#" + row.anchor); });
  header.setAttribute("data-row", String(index));
  return header;
}

function eventBox(ev, column, anchored) {
  var classes = ev.marks.map(function (m) { return " mark-" + m; }).join("") + (ev.anomalies.length > 0 ? " has-anomaly" : "");
  var box = el("button", "box" + classes, ev.brief);
  box.type = "button";
  box.title = ev.text;
  box.id = "ev-" + ev.id;
  box.style.gridColumn = String(column[ev.lane]);
  box.style.gridRow = "1";
  ev.records.forEach(function (record) {
    if (anchored[record.anchor]) return;
    anchored[record.anchor] = true;
    var anchor = el("span");
    anchor.id = record.anchor;
    box.appendChild(anchor);
  });
  box.addEventListener("click", function () { history.replaceState(null, "", "#ev-" + ev.id); go("#ev-" + ev.id); });
  return box;
}

/**
 * A step's events on as few lines as keep each lane's order: an event joins the last line
 * when its lane is free there (a dot may share a column with another dot: the same actor),
 * else it starts a new line, so in every lane time still runs down.
 */
function eventLines(events, column, anchored) {
  var lines = [];
  var current = null;
  events.forEach(function (ev) {
    var at = column[ev.lane];
    var by = ev.actorLane !== null ? column[ev.actorLane] : undefined;
    var fits = current !== null && !current.boxes[at] && !current.dots[at] && (by === undefined || !current.boxes[by]);
    if (!fits) {
      current = { node: el("div", "tl-event"), boxes: {}, dots: {}, ops: [] };
      lines.push(current);
    }
    current.boxes[at] = true;
    current.ops.push(ev.op);
    if (by !== undefined && !current.dots[by]) {
      current.dots[by] = true;
      var dot = el("span", "dot");
      dot.style.gridColumn = String(by);
      dot.style.gridRow = "1";
      dot.title = lanesById[ev.actorLane].title;
      current.node.appendChild(dot);
    }
    current.node.appendChild(eventBox(ev, column, anchored));
  });
  return lines.map(function (line) {
    var op = el("div", "op", line.ops.join(", "));
    op.style.gridColumn = "1";
    op.style.gridRow = "1";
    line.node.insertBefore(op, line.node.firstChild);
    return line.node;
  });
}

function textView() {
  var lines = [];
  var pad = function (s, n) { s = String(s); return s.length >= n ? s + " " : s + " ".repeat(n - s.length); };
  visibleRows().forEach(function (v) {
    lines.push(pad(v.row.label, 12) + v.row.text + (v.row.applied === false ? " (no-op)" : ""));
    v.events.forEach(function (ev) {
      var marks = ev.marks.length > 0 ? "  [" + ev.marks.join(", ") + "]" : "";
      lines.push("  " + pad(lanesById[ev.lane].title, 18) + ev.text + marks);
    });
  });
  return lines.join("\n") + "\n";
}

function renderTimeline() {
  var box = document.getElementById("timeline");
  var text = document.getElementById("text-view");
  box.textContent = "";
  box.hidden = view !== "timeline";
  text.hidden = view !== "text";
  text.textContent = view === "text" ? textView() : "";
  if (view !== "timeline") return;
  var lanes = data.lanes.filter(laneVisible);
  var column = {};
  lanes.forEach(function (lane, i) { column[lane.id] = i + 2; });
  box.style.setProperty("--lanes", String(lanes.length));
  var head = add(el("div", "tl-head"), el("div", null, "step"));
  lanes.forEach(function (lane) {
    var title = el("div", null, lane.title);
    title.title = lane.title;
    title.setAttribute("data-lane", lane.id);
    head.appendChild(title);
  });
  box.appendChild(head);
  var fragment = document.createDocumentFragment();
  var anchored = {};
  visibleRows().forEach(function (v) {
    fragment.appendChild(rowHeader(v.row, v.index));
    eventLines(v.events, column, anchored).forEach(function (line) { fragment.appendChild(line); });
  });
  box.appendChild(fragment);
}

function clearTargets() {
  document.querySelectorAll(".target, .target-row").forEach(function (node) { node.classList.remove("target", "target-row"); });
}

function go(hash) {
  var id = decodeURIComponent(String(hash).replace(/^#/, ""));
  if (id === "") return;
  var target = document.getElementById(id);
  if (target !== null && target.closest("#timeline") === null) { target.scrollIntoView({ block: "start" }); return; }
  if (view !== "timeline") {
    view = "timeline";
    document.getElementById("toggle-view").textContent = "Text view";
    renderTimeline();
    target = document.getElementById(id);
  }
  if (target === null && filtersActive()) { resetFilters(); renderTimeline(); target = document.getElementById(id); }
  if (target === null) return;
  clearTargets();
  var box = target.closest(".box");
  if (box !== null) {
    var ev = data.events[Number(box.id.slice(3))];
    box.classList.add("target");
    var header = document.getElementById(data.rows[ev.row].anchor);
    if (header !== null) header.classList.add("target-row");
    showEvent(ev);
    target = box;
  } else if (target.classList.contains("tl-row")) {
    target.classList.add("target-row");
    showRow(Number(target.getAttribute("data-row")));
  }
  target.scrollIntoView({ block: "center", inline: "center" });
}
`;
