// @ts-check
// JSDoc shapes of the loop contracts (shared/Dashboard.Contracts/Loop/LoopStatus.cs) as
// GET /api/loop and GET /api/loop/intervals send them: camelCase JSON, times in milliseconds.

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
 * @typedef {object} LoopStatus
 * @property {boolean} running
 * @property {number} tasksAlive
 * @property {number} tasksCreated
 * @property {number} tasksCompleted
 * @property {number} recordsDropped
 * @property {LoopInterval | null} latest
 * @property {TaskKindBreakdown[]} kinds
 */

export {};
