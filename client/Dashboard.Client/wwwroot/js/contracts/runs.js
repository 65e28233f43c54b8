// @ts-check
// JSDoc shapes of the run contracts (shared/Dashboard.Contracts/Runs) as the live hub
// (/hubs/runs) and the runs REST API send them: camelCase JSON, times in milliseconds,
// shares and rates as fractions (0..1), instants as ISO 8601 strings.

/**
 * @typedef {'Running' | 'Completed' | 'Stopped' | 'ThresholdAborted' | 'Failed' | 'Aborted'} RunStatus
 */

/**
 * @typedef {object} RunKeyFigures
 * @property {number} requests
 * @property {number} throughputPerSecond
 * @property {number} errorRate 0..1
 * @property {number} latencyP50Ms
 * @property {number} latencyP99Ms
 * @property {number} waitingP99Ms
 * @property {number} loopUtilization 0..1
 */

/**
 * @typedef {object} RunInfo
 * @property {string} id
 * @property {string} scenario
 * @property {string | null} [description]
 * @property {RunStatus} status
 * @property {string} startedAt
 * @property {string | null} [endedAt]
 * @property {number} elapsedSeconds
 * @property {number} plannedSeconds the warm-up included
 * @property {number} [warmUpSeconds] the scenario's warm-up (0 without one), left out of every figure
 * @property {boolean | null} [passed]
 * @property {string | null} [message]
 * @property {RunKeyFigures} key
 * @property {string | null} [target]
 * @property {RunVerdict | null} [verdict] the run read in plain words
 * @property {WaitingPrediction | null} [prediction] predicted vs measured mean waiting of the run's requests so far
 * @property {BlockerSummary[]} [blockers] blockers per kind, most harmful first
 * @property {SlowStepInfo[]} [worstBlocks] the single slow steps that caused the most waiting, worst first
 * @property {SweepReport | null} [sweep] the sweep, for a scenario with a sweep phase
 */

// The loop's shapes a snapshot carries (shared/Dashboard.Contracts/Loop/LoopStatus.cs).

/**
 * @typedef {object} SlowStepInfo
 * @property {number} taskId
 * @property {string} taskName
 * @property {string} kind
 * @property {number} durationMs
 * @property {number} queuedBehind
 * @property {number} [victimCount] tasks that were ready while it ran
 * @property {number} [victimWaitingMs] the waiting it caused them, summed
 * @property {VictimKindInfo[]} [victimKinds] the worst-hit kinds of victims
 */

/**
 * @typedef {object} VictimKindInfo
 * @property {string} kind
 * @property {number} count
 * @property {number} waitingMs
 */

/**
 * @typedef {object} LoopInterval
 * @property {number} sequence
 * @property {string} at ISO 8601 time the interval ended
 * @property {number} durationMs
 * @property {number} utilization 0..1
 * @property {number} steps
 * @property {number} stepsPerSecond
 * @property {number} readyDepthMax
 * @property {number} readyDepthMean
 * @property {number} timerCount
 * @property {number} timerLagP50Ms
 * @property {number} timerLagP99Ms
 * @property {number} timerLagMaxMs
 * @property {number} tasksAlive
 * @property {number} slowStepCount
 * @property {SlowStepInfo[]} slowSteps
 */

/**
 * @typedef {object} TimeFigures
 * @property {number} sumMs
 * @property {number} meanMs
 * @property {number} p50Ms
 * @property {number} p99Ms
 * @property {number} maxMs
 */

/**
 * @typedef {object} TaskKindBreakdown
 * @property {string} kind
 * @property {number} count
 * @property {number} faulted
 * @property {number} cancelled
 * @property {TimeFigures} awake
 * @property {TimeFigures} waiting
 * @property {TimeFigures} asleep
 * @property {TimeFigures} lifetime
 */


/**
 * @typedef {object} BlockerSummary
 * @property {string} kind
 * @property {number} steps
 * @property {number} meanHeldMs
 * @property {number} victims
 * @property {number} victimWaitingMs
 * @property {number} meanWaitingPerVictimMs
 * @property {Record<string, number>} waitingByVictimKind
 */

/**
 * Predicted mean waiting (M/G/1, Kingman) beside the measured one; the predictions are null when
 * utilization is 1 or more (no steady state).
 * @typedef {object} WaitingPrediction
 * @property {number} arrivalsPerSecond
 * @property {number} serviceMeanMs
 * @property {number} serviceCv2
 * @property {number} utilization 0..1 (or more)
 * @property {number | null} [predictedMgOneMs]
 * @property {number | null} [predictedKingmanMs]
 * @property {number} measuredMeanMs
 */

/**
 * Answer of GET /api/runs/{id}/prediction?rate=R.
 * @typedef {object} WhatIfPrediction
 * @property {number} rate
 * @property {number} serviceMeanMs
 * @property {number} serviceCv2
 * @property {number} arrivalCv2
 * @property {number} utilization
 * @property {number | null} [predictedMgOneMs]
 * @property {number | null} [predictedKingmanMs]
 * @property {string} assumptions
 */

/**
 * @typedef {object} StepFigures
 * @property {number} meanMs
 * @property {number} p50Ms
 * @property {number} p99Ms
 */

/**
 * @typedef {object} SweepStep
 * @property {number} index
 * @property {number} offeredRate
 * @property {number} achievedRate
 * @property {number} seconds
 * @property {boolean} complete
 * @property {number} requests
 * @property {number} utilization
 * @property {StepFigures} waiting
 * @property {StepFigures} awake
 * @property {StepFigures} latency
 * @property {number} backlogStart
 * @property {number} backlogEnd
 * @property {number} backlogGrowthPerSecond
 * @property {number} waitingGrowthMsPerSecond
 * @property {WaitingPrediction | null} [prediction]
 * @property {boolean} withinBudget
 * @property {boolean} saturated
 */

/**
 * @typedef {object} SweepBestCase
 * @property {number} rate
 * @property {number} utilization
 * @property {number} waitingP99Ms
 * @property {number} budgetMs
 */

/**
 * @typedef {object} SweepWorstCase
 * @property {number} saturationRate
 * @property {number} waitingGrowthMsPerSecond
 * @property {number} backlogGrowthPerSecond
 * @property {number} latencyGrowthMsPerSecond
 */

/**
 * @typedef {object} SweepReport
 * @property {string} status "running", "saturated" or "completed"
 * @property {number} budgetMs
 * @property {string} budgetSource
 * @property {number} stopWaitingP99Ms
 * @property {number} stopGrowingIntervals
 * @property {number} plannedSteps
 * @property {SweepStep[]} steps lowest rate first
 * @property {SweepBestCase | null} [best]
 * @property {number | null} [kneeRate]
 * @property {SweepWorstCase | null} [worst]
 * @property {string | null} [stopReason]
 * @property {number} [warmUpSeconds]
 */

/**
 * @typedef {object} RunVerdict
 * @property {string} kind "healthy", "saturated", "blocked" or "no-data"
 * @property {string} text
 * @property {Record<string, number>} figures
 */

/**
 * @typedef {object} LatencyFigures
 * @property {number} p50Ms
 * @property {number} p75Ms
 * @property {number} p90Ms
 * @property {number} p95Ms
 * @property {number} p99Ms
 * @property {number} p999Ms
 * @property {number} maxMs
 * @property {number} meanMs
 */

/**
 * @typedef {object} LoadFigures
 * @property {number} requests
 * @property {number} successes
 * @property {number} failures
 * @property {number} throughputPerSecond
 * @property {number} errorRate 0..1
 * @property {Record<string, number>} statusCodes
 * @property {Record<string, number>} errorKinds
 * @property {LatencyFigures} corrected latency from the intended send time
 * @property {LatencyFigures} raw latency from the actual send
 * @property {number} inFlight
 * @property {number} dropped
 * @property {number} bytesSent
 * @property {number} bytesReceived
 */

/**
 * @typedef {object} TaskBreakdown
 * @property {TaskKindBreakdown} overall
 * @property {TaskKindBreakdown[]} kinds
 */

/**
 * @typedef {object} TaskSample
 * @property {number} id
 * @property {number} parentId
 * @property {string} name
 * @property {string} kind
 * @property {string | null} [correlationId]
 * @property {string} outcome
 * @property {number} lifetimeMs
 * @property {number} awakeMs
 * @property {number} waitingMs
 * @property {number} asleepMs
 * @property {number} timerLatenessMs
 * @property {number} steps
 * @property {number} longestStepMs
 * @property {string} reason "slowest" or "random"
 */

/**
 * @typedef {object} ThresholdState
 * @property {string} expression
 * @property {boolean | null} [passed] null while it cannot be judged
 * @property {number | null} [actual]
 * @property {string | null} [message]
 */

/**
 * @typedef {object} RunSnapshot
 * @property {string} runId
 * @property {number} sequence
 * @property {string} at
 * @property {number} elapsedSeconds
 * @property {number} intervalSeconds
 * @property {number} progress 0..1 of the planned duration
 * @property {string} phase
 * @property {number | null} [targetRate]
 * @property {number | null} [targetUsers]
 * @property {LoadFigures} load
 * @property {LoopInterval | null} [loop]
 * @property {TaskBreakdown} tasks
 * @property {TaskSample[]} samples
 * @property {ThresholdState[]} thresholds
 * @property {WaitingPrediction | null} [prediction] this interval's requests: predicted beside measured mean waiting
 * @property {SweepReport | null} [sweep] the sweep so far, for a scenario with a sweep phase
 * @property {boolean} [warmUp] the interval lies in the scenario's warm-up: counted nowhere, drawn greyed
 */

export {};
