using Dashboard.Server.History;

namespace Dashboard.Server.Reports;

/// <summary>One report format of a run (BenchmarkDotNet's exporter shape): the bytes and what to call them.</summary>
internal interface IRunExporter
{
    /// <summary>The file the API serves it as, e.g. <c>report.html</c> in <c>/api/runs/{id}/report.html</c>.</summary>
    string ApiFile { get; }

    string ContentType { get; }

    /// <summary>The download's file name: which run and when, e.g. <c>run-20261123-201434-453443-io-bound-2026-11-23T2014.html</c>.</summary>
    string FileName(RunRecord run);

    /// <summary>Writes the whole report. The same record always gives the same bytes.</summary>
    void Export(RunRecord run, Stream output);
}
