/** The HTML report's stylesheet (inlined: the report is one self-contained file). */
export const PAGE_STYLE = `
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.4 system-ui, sans-serif; color: #10151c; background: #f5f6f8; }
header { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; padding: 10px 16px; background: #1d2633; color: #f5f6f8; }
header h1 { font-size: 16px; margin: 0; font-weight: 600; overflow-wrap: anywhere; }
header .meta { opacity: 0.8; font-size: 12px; }
header select, header input { font: inherit; padding: 3px 6px; }
#layout { display: grid; grid-template-columns: minmax(0, 1fr) 360px; height: 70vh; min-height: 360px; }
#canvas-box { position: relative; overflow: hidden; background: #fff; border-right: 1px solid #d8dce2; }
#graph { display: block; cursor: grab; }
#detail { overflow: auto; padding: 10px 14px; background: #fff; }
#detail h3 { margin: 0 0 4px; font-size: 15px; overflow-wrap: anywhere; }
#detail .op { font-family: ui-monospace, monospace; color: #51606f; }
#detail ul { margin: 4px 0 8px; padding-left: 18px; font-family: ui-monospace, monospace; font-size: 12px; overflow-wrap: anywhere; }
.chip { display: inline-block; margin: 2px 4px 2px 0; padding: 1px 6px; border-radius: 8px; font-size: 12px; }
.finding { border-left: 4px solid #8a8f98; padding: 4px 8px; margin: 6px 0; background: #f5f6f8; overflow-wrap: anywhere; }
.finding.error, .group.error > summary { border-color: #d9463b; }
.finding.warning, .group.warning > summary { border-color: #e0a526; }
.rule { font-weight: 600; font-family: ui-monospace, monospace; font-size: 12px; }
.source, .fix { font-size: 12px; color: #51606f; }
section { padding: 10px 16px; }
table { border-collapse: collapse; background: #fff; }
th, td { border: 1px solid #d8dce2; padding: 4px 10px; text-align: left; }
td.verdict.ready { color: #1f7a3a; font-weight: 600; }
td.verdict.needs-fixes { color: #9a6b00; font-weight: 600; }
td.verdict.blocked { color: #b3261e; font-weight: 600; }
details.group { background: #fff; margin: 4px 0; }
details.group > summary { cursor: pointer; padding: 4px 8px; border-left: 4px solid #8a8f98; font-family: ui-monospace, monospace; }
details .item { padding: 2px 12px; cursor: pointer; overflow-wrap: anywhere; }
details .item:hover { background: #eef1f5; }
.legend span { display: inline-block; width: 10px; height: 10px; margin: 0 3px 0 10px; }
`;
