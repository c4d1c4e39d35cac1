/**
 * The failure page's script, part 3 of 3: the details panel (an event: what it is, the
 * records it appended or read, the store's state before and after its step, the model's
 * expected state; a step: the intent, the event it produced, its events and the stores it
 * changed; both: the instances and offsets after the step), and the start-up that renders
 * the page and follows the address's anchor. See `page-script-base.ts`.
 */
export const pageScriptDetails = String.raw`
function storeAt(id, row) {
  for (var r = row; r >= 0; r--) {
    var stores = data.states[r].stores;
    if (Object.prototype.hasOwnProperty.call(stores, id)) return stores[id];
  }
  return null;
}

function entriesTable(entries, changed) {
  var table = el("table", "kv mono");
  entries.forEach(function (entry) {
    var tr = add(el("tr", changed.indexOf(entry[0]) >= 0 ? "changed" : null), el("td", null, entry[0]), el("td", null, entry[1]));
    table.appendChild(tr);
  });
  if (entries.length === 0) table.appendChild(add(el("tr"), el("td", "muted", "(empty)")));
  return table;
}

function storeState(title, state, changed) {
  var box = add(el("div"), el("h3", null, title));
  if (state === null || !state.exists) return add(box, el("p", "muted", state === null ? "not on the disk yet" : "not on the disk (gone)"));
  add(box, entriesTable(state.entries, changed));
  if (state.moreEntries > 0) add(box, el("p", "muted", "... and " + state.moreEntries + " more keys"));
  if (state.bookkeeping.length > 0) add(box, dl(state.bookkeeping));
  return box;
}

function storeSection(panel, id, row, changed) {
  var lane = lanesById[id];
  var name = lane ? lane.title : id;
  add(panel, storeState(name + " before this step", row > 0 ? storeAt(id, row - 1) : null, changed));
  add(panel, storeState(name + " after this step", storeAt(id, row), changed));
  if (lane && lane.partition !== null && data.expected[lane.partition]) {
    var expected = data.expected[lane.partition];
    var details = add(el("details"), el("summary", null, "the model's final state of p" + lane.partition + " (what exactly-once-state expects)"));
    add(details, entriesTable(expected.entries, []));
    if (expected.moreEntries > 0) add(details, el("p", "muted", "... and " + expected.moreEntries + " more keys"));
    panel.appendChild(details);
  }
}

function worldSection(panel, row) {
  var state = data.states[row];
  var details = add(el("details"), el("summary", null, "the world after this step (tick " + state.ticks + ", generation " + state.generation + ")"));
  add(details, el("h3", null, "instances"), dl(state.instances), el("h3", null, "offsets"), dl(state.offsets));
  panel.appendChild(details);
}

function recordsTable(ev) {
  var table = el("table", "plain mono");
  var withIds = ev.records.some(function (record) { return record.id !== null; });
  add(table, add(el("tr"), el("th", "narrow", "offset"), el("th", null, "key"), el("th", null, "value"), el("th", "narrow", "batch"), withIds ? el("th", null, "ID") : null));
  ev.records.forEach(function (record) {
    var id = record.id === null ? "" : record.id + (record.duplicate ? " (again)" : "");
    table.appendChild(add(el("tr", record.duplicate ? "mark-duplicate" : null), el("td", null, String(record.offset)), el("td", null, record.key), el("td", null, record.value), el("td", null, String(record.batch)), withIds ? el("td", null, id) : null));
  });
  return table;
}

function anomaliesHere(panel, indices) {
  if (indices.length === 0) return;
  var list = el("ul", "anomalies");
  indices.forEach(function (index) {
    var a = data.anomalies[index];
    list.appendChild(add(el("li", "status-failed"), a.checker + ": " + a.kind + ": " + a.detail));
  });
  add(panel, el("h3", null, "anomalies pointing here"), list);
}

function showEvent(ev) {
  var panel = document.getElementById("details");
  panel.textContent = "";
  var row = data.rows[ev.row];
  add(panel, el("h3", null, ev.text));
  var pairs = [["step", row.label + ": " + row.text], ["lane", lanesById[ev.lane].title], ["event", ev.op]];
  if (ev.actorLane !== null) pairs.push(["by", lanesById[ev.actorLane].title]);
  if (ev.marks.length > 0) pairs.push(["highlighted", ev.marks.join(", ")]);
  if (ev.changedKeys.length > 0) pairs.push(["keys changed in this step", ev.changedKeys.join(", ")]);
  add(panel, dl(pairs.concat(ev.fields)));
  anomaliesHere(panel, ev.anomalies);
  if (ev.records.length > 0) {
    var title = ev.lane.indexOf("changelog-") === 0 && ev.op === "append" ? "the changelog batch" : "records";
    add(panel, el("h3", null, title), recordsTable(ev));
    if (ev.moreRecords > 0) add(panel, el("p", "muted", "... and " + ev.moreRecords + " more records"));
  }
  if (ev.store !== null) storeSection(panel, ev.store, ev.row, ev.changedKeys);
  worldSection(panel, ev.row);
}

function showRow(index) {
  var panel = document.getElementById("details");
  panel.textContent = "";
  var row = data.rows[index];
  add(panel, el("h3", null, row.label + ": " + row.text));
  var pairs = [];
  if (row.applied !== null) pairs.push(["applied", row.applied ? "yes" : "no (a recorded no-op)"]);
  if (row.produced !== null) {
    if (row.produced.kind !== null) pairs.push(["event kind", row.produced.kind]);
    pairs.push(["key", row.produced.key], ["payload", row.produced.payload]);
  }
  if (row.instance !== null) pairs.push(["instance", String(row.instance)]);
  if (pairs.length > 0) add(panel, dl(pairs));
  var list = el("ul", "anomalies");
  row.events.forEach(function (i) { list.appendChild(add(el("li"), link("#ev-" + i, null, data.events[i].text))); });
  add(panel, el("h3", null, row.events.length === 0 ? "nothing recorded in this step" : "events in this step"), list);
  Object.keys(data.states[index].stores).forEach(function (id) { storeSection(panel, id, index, []); });
  worldSection(panel, index);
}

function start() {
  renderHeader();
  renderVerdict();
  renderSchedule();
  if (data.rows.length === 0) {
    document.getElementById("timeline-section").appendChild(el("p", "muted", "No timeline: the schedule did not run to the end (see the verdict)."));
  } else {
    renderToolbar();
    renderTimeline();
  }
  if (data.omittedRows > 0) document.getElementById("omitted").appendChild(document.createTextNode(data.omittedRows + " more steps not shown: the report shows the first " + data.rows.length + " steps of the run."));
  else document.getElementById("omitted").hidden = true;
  window.addEventListener("hashchange", function () { go(location.hash); });
  if (location.hash) go(location.hash);
}
start();
`;
