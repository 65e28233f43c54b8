namespace Dashboard.Server.Reports.Html;

/// <summary>The reports' one stylesheet, inlined: a report opens from a file with no network.</summary>
internal static class ReportStyles
{
    public const string Css = """
        :root { color-scheme: light; --ink: #1d2330; --muted: #5b6472; --line: #d9dde3; --pass: #1b7f3b; --fail: #b3261e; }
        * { box-sizing: border-box; }
        body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); margin: 0 auto; max-width: 1220px; padding: 24px; }
        h1 { font-size: 24px; margin: 0 0 4px; overflow-wrap: anywhere; }
        h2 { font-size: 18px; margin: 28px 0 10px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
        h3 { font-size: 15px; margin: 16px 0 6px; }
        p.lede { color: var(--muted); margin: 0 0 12px; overflow-wrap: anywhere; }
        p.reading { margin: 6px 0 10px; max-width: 80ch; }
        .verdict { display: inline-block; font-weight: 700; padding: 2px 10px; border-radius: 4px; color: #fff; background: var(--muted); }
        .verdict.pass { background: var(--pass); } .verdict.fail { background: var(--fail); }
        dl.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: 8px; margin: 12px 0; }
        dl.figures div { border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; }
        dl.figures dt { color: var(--muted); font-size: 12px; }
        dl.figures dd { margin: 0; font-size: 20px; font-weight: 600; font-variant-numeric: tabular-nums; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; }
        dl.facts dt { color: var(--muted); } dl.facts dd { margin: 0; overflow-wrap: anywhere; }
        table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; }
        th, td { text-align: right; padding: 4px 8px; border-bottom: 1px solid var(--line); font-variant-numeric: tabular-nums; }
        th:first-child, td:first-child, td.text, th.text { text-align: left; overflow-wrap: anywhere; }
        th { font-weight: 600; color: var(--muted); font-size: 12px; }
        td.pass { color: var(--pass); font-weight: 700; } td.fail { color: var(--fail); font-weight: 700; }
        tr.best td { background: #eef7f0; } tr.saturated td { background: #fbeeee; }
        #sweep-steps th, #sweep-steps td { overflow-wrap: normal; white-space: nowrap; padding: 4px 6px; } #sweep-steps th { white-space: normal; }
        ul.sweep-reading { padding-left: 20px; max-width: 100ch; } ul.sweep-reading li { margin-bottom: 4px; }
        .charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(560px, 1fr)); gap: 12px 20px; }
        figure.chart { margin: 0; }
        figcaption { font-weight: 600; margin-bottom: 4px; } figcaption .unit { color: var(--muted); font-weight: 400; }
        svg { max-width: 100%; height: auto; font: 11px system-ui, sans-serif; }
        svg .grid { stroke: #e6e8ec; } svg .tick { fill: var(--muted); }
        ul.legend { list-style: none; display: flex; flex-wrap: wrap; gap: 4px 14px; padding: 0; margin: 2px 0 0 56px; font-size: 12px; }
        .swatch { display: inline-block; width: 16px; height: 0; border-top: 3px solid; margin-right: 5px; vertical-align: middle; }
        .swatch.dashed { border-top-style: dashed; }
        .shares { display: inline-flex; width: 120px; height: 10px; vertical-align: middle; background: #eee; }
        .shares span { display: block; height: 100%; }
        .empty { color: var(--muted); font-style: italic; }
        ol.slowest { padding-left: 20px; } ol.slowest > li { margin-bottom: 14px; }
        .task-head { font-weight: 600; overflow-wrap: anywhere; } .task-meta { color: var(--muted); font-size: 12px; }
        ul.tree { margin: 4px 0; padding-left: 18px; font-size: 12px; } ul.tree li { overflow-wrap: anywhere; }
        pre { background: #f6f7f9; border: 1px solid var(--line); border-radius: 6px; padding: 10px; overflow: auto; max-height: 420px; }
        footer { margin-top: 32px; color: var(--muted); font-size: 12px; }
        @media print { .charts { grid-template-columns: 1fr; } pre { max-height: none; } }
        """;
}
