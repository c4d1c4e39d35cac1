/**
 * The stylesheets of eosim's HTML reports: system fonts only (nothing to fetch), colours as
 * Jepsen's timeline uses them (ok green, failed red, unknown amber), one colour per kind of
 * highlighted event, and a timeline grid whose column count the page sets (`--lanes`).
 */

/** What every report page shares. */
export const baseStyle = `
:root { --ok: #1a7f37; --fail: #cf222e; --unknown: #9a6700; --muted: #57606a; --line: #d0d7de; --bg: #f6f8fa; --hl: #fff8c5;
  --dup: #bc4c00; --loss: #cf222e; --fenced: #8250df; --restore: #0969da; --div: #a40e26; --crash: #24292f; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2328; background: #fff; }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
header { padding: 12px 20px; border-bottom: 1px solid var(--line); background: var(--bg); }
h1 { font-size: 20px; margin: 0 0 4px; } h2 { font-size: 16px; margin: 18px 0 8px; }
main { padding: 0 20px 40px; }
.status-ok { color: var(--ok); } .status-failed { color: var(--fail); } .status-unknown { color: var(--unknown); }
.badge { display: inline-block; padding: 0 6px; border-radius: 10px; font-size: 12px; font-weight: 600; color: #fff; background: var(--muted); }
.badge.status-ok { background: var(--ok); color: #fff; } .badge.status-failed { background: var(--fail); color: #fff; } .badge.status-unknown { background: var(--unknown); color: #fff; }
.muted { color: var(--muted); }
table.plain { border-collapse: collapse; margin: 6px 0; }
table.plain th, table.plain td { border: 1px solid var(--line); padding: 2px 8px; text-align: left; vertical-align: top; }
table.plain th { background: var(--bg); font-weight: 600; }
table.plain td.num, td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.zero { color: var(--fail); } td.thin { color: var(--unknown); }
.warning { color: var(--unknown); }
button { font: inherit; cursor: pointer; }
`;

/** The failure report's own rules. */
export const failureStyle = `${baseStyle}
.layout { display: grid; grid-template-columns: minmax(0, 1fr) 24rem; gap: 16px; }
@media (max-width: 1100px) { .layout { grid-template-columns: 1fr; } }
#details { position: sticky; top: 8px; align-self: start; max-height: calc(100vh - 16px); overflow: auto; border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; background: #fff; }
#details table { width: 100%; table-layout: fixed; } #details td { overflow-wrap: anywhere; } #details th.narrow { width: 4.2em; }
#details h3 { font-size: 14px; margin: 4px 0 6px; } #details dl { margin: 4px 0; display: grid; grid-template-columns: max-content 1fr; gap: 2px 10px; }
#details dt { color: var(--muted); } #details dd { margin: 0; overflow-wrap: anywhere; }
.checker { margin: 4px 0; } .checker > .name { font-weight: 600; }
ul.anomalies { margin: 2px 0 8px; padding-left: 20px; } ul.anomalies li { margin: 2px 0; overflow-wrap: anywhere; }
a.anomaly { color: inherit; text-decoration: none; border-bottom: 1px dotted var(--fail); } a.anomaly:hover { background: var(--hl); }
.where { color: var(--muted); font-size: 12px; margin-left: 6px; }
.replay { margin: 8px 0; padding: 6px 10px; background: var(--bg); border: 1px solid var(--line); border-radius: 6px; overflow-wrap: anywhere; }
.notes li { color: var(--unknown); }
ol.steps { margin: 4px 0; padding-left: 32px; } ol.steps a { color: inherit; }
.toolbar { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; padding: 6px 0; position: sticky; top: 0; background: #fff; z-index: 3; border-bottom: 1px solid var(--line); }
.legend { margin: 4px 0 8px; } .legend .box { display: inline-block; width: auto; margin: 0 6px 0 0; }
#timeline { --lanes: 1; overflow: auto; max-height: 78vh; border: 1px solid var(--line); border-radius: 6px; }
.tl-head, .tl-event { display: grid; grid-template-columns: 7.5rem repeat(var(--lanes), minmax(7.5rem, 1fr)); min-width: calc(7.5rem + var(--lanes) * 7.5rem); }
.tl-head { position: sticky; top: 0; background: var(--bg); z-index: 2; border-bottom: 1px solid var(--line); font-size: 12px; font-weight: 600; }
.tl-head > div:first-child, .tl-event > .op { position: sticky; left: 0; z-index: 1; background: inherit; }
.tl-event { background: #fff; }
.tl-head > div { padding: 4px 6px; border-left: 1px solid var(--line); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.tl-row { display: block; width: 100%; min-width: calc(7.5rem + var(--lanes) * 7.5rem); text-align: left; border: 0; border-top: 1px solid var(--line); background: #eef1f4; padding: 3px 8px; font-size: 12.5px; }
.tl-row .label { font-weight: 600; margin-right: 8px; position: sticky; left: 8px; } .tl-row.noop { color: var(--muted); } .tl-row.drain { background: #f6f8fa; }
.tl-event > .op { padding: 1px 6px; color: var(--muted); font-size: 11px; white-space: nowrap; overflow: hidden; }
.tl-event > .cell { border-left: 1px solid #eaeef2; }
.box { display: block; width: calc(100% - 6px); margin: 1px 3px; padding: 1px 5px; text-align: left; font-size: 12px; line-height: 1.3; border: 1px solid #afb8c1; border-radius: 4px; background: #fff; overflow-wrap: anywhere; }
.box:hover { background: var(--hl); }
.dot { align-self: center; justify-self: center; width: 8px; height: 8px; border-radius: 50%; background: #8c959f; }
.mark-duplicate { border-color: var(--dup); background: #fff1e5; } .mark-loss { border-color: var(--loss); background: #ffebe9; }
.mark-fenced, .mark-refused { border-color: var(--fenced); background: #fbefff; } .mark-restore { border-color: var(--restore); background: #ddf4ff; }
.mark-crash { border-color: var(--crash); background: #eaeef2; } .mark-divergence { border: 2px solid var(--div); background: #ffd8d3; font-weight: 600; }
.has-anomaly { box-shadow: 0 0 0 2px var(--fail); }
.target, .target-row { outline: 3px solid #d4a72c; outline-offset: -1px; background: var(--hl) !important; }
.omitted { margin: 8px 0; padding: 6px 10px; border: 1px dashed var(--unknown); color: var(--unknown); }
#text-view { white-space: pre; overflow: auto; max-height: 70vh; border: 1px solid var(--line); border-radius: 6px; padding: 8px; margin: 0; background: var(--bg); }
.kv { border-collapse: collapse; width: 100%; } .kv td { border-top: 1px solid #eaeef2; padding: 1px 4px; vertical-align: top; overflow-wrap: anywhere; }
.kv tr.changed td { background: var(--hl); } .kv td:first-child { color: var(--muted); width: 35%; }
[hidden] { display: none !important; }
`;
