using Dashboard.Contracts.Runs;
using Dashboard.Load.Statistics;
using Dashboard.Load.Thresholds;

namespace Dashboard.Server.Distributed;

/// <summary>The merging side of a run on agents: intervals in order, the merged run so far, the summary at the end.</summary>
internal sealed partial class AgentRunLoad
{
    /// <summary>Emits, in order, every interval that every active agent has sent, or that is overdue (caller holds the lock).</summary>
    private void EmitReady(int? overdueBefore)
    {
        while (true)
        {
            var waiting = _participants.Where(p => p.Active).ToArray();
            _pending.TryGetValue(_nextIndex, out var parts);
            var complete = parts is not null && waiting.All(w => parts.Any(p => p.Agent == w));
            var overdue = overdueBefore is { } due && _nextIndex <= due;
            var allDone = waiting.Length == 0;
            if (!complete && !overdue && !allDone)
            {
                return;
            }

            if (parts is null && (allDone || overdue) && _pending.Count == 0)
            {
                return;
            }

            if (parts is { Count: > 0 })
            {
                _merged.Writer.TryWrite(Merge(_nextIndex, parts));
                _emitted++;
            }

            _pending.Remove(_nextIndex);
            _nextIndex++;
        }
    }

    private IntervalStatistics Merge(int index, List<(RunParticipant Agent, IntervalStatistics Interval, IntervalHistograms Histograms)> parts)
    {
        _interval.Reset();
        foreach (var part in parts)
        {
            _interval.Add(part.Interval.Load, part.Histograms);
        }

        var first = parts[0].Interval;
        var duration = parts.Average(p => p.Interval.DurationSeconds);
        var rates = parts.Select(p => p.Interval.TargetRate).ToArray();
        var users = parts.Select(p => p.Interval.TargetCopies).ToArray();
        _phase = first.Phase;
        _targetRate = rates.Any(r => r is not null) ? rates.Sum(r => r ?? 0) : null;
        return new IntervalStatistics
        {
            Index = index,
            WarmUp = first.WarmUp,
            StartSeconds = parts.Average(p => p.Interval.StartSeconds),
            DurationSeconds = duration,
            PhaseIndex = first.PhaseIndex,
            Phase = first.Phase,
            TargetRate = _targetRate,
            TargetCopies = users.Any(u => u is not null) ? users.Sum(u => u ?? 0) : null,
            InFlight = parts.Sum(p => p.Interval.InFlight),
            Load = _interval.Build(duration),
            Histograms = _interval.Histograms(),
        };
    }

    /// <summary>Hands the merged intervals on, in order, on one task (the run's snapshots and thresholds), and judges abortOnFail thresholds on the merged run so far.</summary>
    private async Task EmitAsync()
    {
        await foreach (var interval in _merged.Reader.ReadAllAsync())
        {
            _onInterval(interval);
            if (interval.WarmUp || !_thresholds.Any(t => t.AbortOnFail))
            {
                continue;
            }

            LoadStatistics soFar;
            lock (_gate)
            {
                soFar = _whole.Build(Math.Max(1e-9, ElapsedSeconds - _warmUpLength.TotalSeconds));
            }

            var loop = _thresholds.Any(t => t.AbortOnFail && ThresholdMetrics.IsLoopMetric(t.Metric)) ? _loopMetrics() : null;
            foreach (var threshold in _thresholds.Where(t => t.AbortOnFail))
            {
                var result = ThresholdEvaluator.Evaluate(threshold, soFar, loop);
                if (!result.Passed && result.Actual is not null)
                {
                    EndAll(RunOutcome.ThresholdAborted, $"threshold \"{threshold.Text}\" failed during the run: {result.Message}");
                    break;
                }
            }
        }
    }

    /// <summary>Once no agent is running, the remaining intervals go out and the run's summary is built (caller holds the lock).</summary>
    private void TryComplete()
    {
        if (_completion.Task.IsCompleted || _participants.Any(p => p.Active))
        {
            return;
        }

        EmitReady(overdueBefore: int.MaxValue);
        _merged.Writer.TryComplete();
        var measured = _participants.Select(p => p.Ended is { DurationSeconds: > 0 } e ? e.DurationSeconds : p.MeasuredSeconds).DefaultIfEmpty(0).Max();
        var whole = _whole.Build(measured);
        var warmUp = _warmUp.Parts > 0 ? _warmUp.Build(_warmUpLength.TotalSeconds) : null;
        var everyoneFailed = _participants.All(p => p.State is RunAgentStates.Lost or RunAgentStates.Failed);
        var outcome = _outcome ?? (everyoneFailed ? RunOutcome.Cancelled : RunOutcome.Completed);
        var message = _outcomeMessage ?? (!everyoneFailed ? null
            : _brokerLost ? $"the NATS broker at {_directory.Broker} was lost mid-run: no agent could be heard any more. What they sent until then is kept."
            : $"every agent was lost or failed: {string.Join("; ", _participants.Select(p => $"{p.Name}: {p.Message}"))}. What they sent until then is kept.");
        if (Interlocked.Read(ref _refused) is > 0 and var refused)
        {
            _warnings.Add($"{refused} message(s) on this run's subjects were not believed (malformed, past the plan, or from an agent not in the run) and count nowhere.");
        }

        IReadOnlyDictionary<string, double>? loop = null;
        if (_thresholds.Any(t => ThresholdMetrics.IsLoopMetric(t.Metric)))
        {
            loop = _loopMetrics();
        }

        _completion.TrySetResult(new RunSummary
        {
            RunId = _runId,
            CorrelationPrefix = _runId,
            Scenario = _scenario.Name,
            Outcome = outcome,
            OutcomeMessage = message,
            StartedAt = _startAt,
            DurationSeconds = measured,
            WarmUpSeconds = warmUp is null ? 0 : _warmUpLength.TotalSeconds,
            WarmUp = warmUp,
            Seed = _scenario.Seed ?? 0,
            Intervals = _emitted,
            Load = whole,
            Thresholds = ThresholdEvaluator.Evaluate(_thresholds, whole, loop),
            Warnings = [.. _warnings],
            LatencyHistogram = _whole.CorrectedHistogram(),
            RawLatencyHistogram = _whole.RawHistogram(),
        });
    }
}
