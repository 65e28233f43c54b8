// @ts-check
// The live run page's words and numbers: status, progress, the latest interval's figures and
// the thresholds, written into the elements the server rendered (data-figure), with the same
// formatting and words (Formatting/FigureFormat.cs, Formatting/RunText.cs).
import { adaptive, compact, count, percent, MISSING } from '../format.js';
import { element, setText } from '../dom.js';

/** @typedef {import('../contracts/runs.js').RunStatus} RunStatus */
/** @typedef {import('../contracts/runs.js').ThresholdState} ThresholdState */
/** @typedef {import('./runState.js').RunState} RunState */

/** @type {Record<RunStatus, string>} the words of RunText.Status */
export const STATUS_TEXT = {
    Running: 'running',
    Completed: 'completed',
    Stopped: 'stopped',
    ThresholdAborted: 'aborted by threshold',
    Failed: 'failed',
    Aborted: 'aborted',
};

/**
 * The pill class of RunText.StatusClass.
 * @param {RunStatus} status
 * @returns {string}
 */
export function statusClass(status) {
    switch (status) {
        case 'Running': return 'pill-live';
        case 'Completed': return 'pill-ok';
        case 'Stopped': return 'pill-muted';
        default: return 'pill-bad';
    }
}

/**
 * The pill class of RunText.VerdictClass.
 * @param {boolean | null | undefined} passed
 * @returns {string}
 */
export function verdictClass(passed) {
    return passed === true ? 'pill-ok' : passed === false ? 'pill-bad' : 'pill-muted';
}

/**
 * The pill class of RunText.VerdictKindClass.
 * @param {string | null | undefined} kind
 * @returns {string}
 */
export function verdictKindClass(kind) {
    return kind === 'healthy' ? 'pill-ok' : kind === 'saturated' || kind === 'blocked' ? 'pill-bad' : 'pill-muted';
}

/**
 * The word of LiveRun.ThresholdWord.
 * @param {boolean | null | undefined} passed
 * @returns {string}
 */
export function thresholdWord(passed) {
    return passed === true ? 'pass' : passed === false ? 'fail' : 'pending';
}

const PILL_CLASSES = ['pill-live', 'pill-ok', 'pill-muted', 'pill-bad'];

/**
 * @param {Element | null} pill
 * @param {string} className
 */
function setPillClass(pill, className) {
    if (pill && !pill.classList.contains(className)) {
        pill.classList.remove(...PILL_CLASSES);
        pill.classList.add(className);
    }
}

/**
 * Writes the state into the page.
 * @param {HTMLElement} root the element with data-widget="live-run"
 * @param {RunState} state
 * @param {number} plannedSeconds
 */
export function renderFigures(root, state, plannedSeconds) {
    const latest = state.latest;
    const info = state.info;
    const running = state.running;
    const status = /** @type {RunStatus} */ (info?.status ?? 'Running');
    const elapsed = running && latest ? latest.elapsedSeconds : info?.elapsedSeconds ?? latest?.elapsedSeconds ?? 0;
    const progress = plannedSeconds > 0 ? Math.min(Math.max(elapsed / plannedSeconds, 0), 1) : 0;
    const load = latest?.load;
    const hasLatency = (load?.requests ?? 0) > 0;
    const overall = latest?.tasks?.overall;
    const loop = latest?.loop;

    /** @type {Record<string, string>} */
    const text = {
        status: STATUS_TEXT[status] ?? status,
        verdict: `thresholds ${info?.passed === true ? 'passed' : info?.passed === false ? 'failed' : MISSING}`,
        elapsed: adaptive(elapsed),
        planned: compact(plannedSeconds),
        phase: latest?.phase ?? MISSING,
        target: latest?.targetRate != null ? compact(latest.targetRate) : latest?.targetUsers != null ? count(latest.targetUsers) : MISSING,
        requests: count(state.requests),
        sequence: latest ? `#${latest.sequence}` : MISSING,
        message: info?.message ?? '',
        'verdict-kind': info?.verdict?.kind ?? '',
        'verdict-text': info?.verdict?.text ?? '',
        dropped: count(state.dropped),
        throughput: load ? adaptive(load.throughputPerSecond) : MISSING,
        'error-rate': load ? percent(load.errorRate) : MISSING,
        'latency-p50': hasLatency && load ? adaptive(load.corrected.p50Ms) : MISSING,
        'latency-p99': hasLatency && load ? adaptive(load.corrected.p99Ms) : MISSING,
        'waiting-p99': overall && overall.count > 0 ? adaptive(overall.waiting.p99Ms) : MISSING,
        utilization: loop ? percent(loop.utilization) : MISSING,
        'ready-mean': loop ? adaptive(loop.readyDepthMean) : MISSING,
        'in-flight': load ? count(load.inFlight) : MISSING,
    };
    for (const e of root.querySelectorAll('[data-figure]')) {
        const key = /** @type {HTMLElement} */ (e).dataset.figure ?? '';
        if (key in text) {
            setText(e, text[key]);
        }
    }
    setText(root.querySelector('[data-unit="target"]'),
        latest?.targetRate != null ? 'requests/s' : latest?.targetUsers != null ? 'users' : '');

    setPillClass(root.querySelector('[data-figure="status"]'), statusClass(status));
    const verdict = /** @type {HTMLElement | null} */ (root.querySelector('[data-figure="verdict"]'));
    if (verdict) {
        verdict.hidden = info?.passed == null;
        setPillClass(verdict, verdictClass(info?.passed));
    }
    root.dataset.status = status;

    const fill = /** @type {HTMLElement | null} */ (root.querySelector('[data-progress]'));
    if (fill) {
        fill.style.width = `${(progress * 100).toFixed(2)}%`;
        fill.parentElement?.setAttribute('aria-valuenow', String(Math.round(progress * 100)));
    }

    // The verdict reads the whole run: shown once it has ended.
    const runVerdict = /** @type {HTMLElement | null} */ (root.querySelector('[data-run-verdict]'));
    if (runVerdict) {
        runVerdict.hidden = running || !info?.verdict;
        setPillClass(root.querySelector('[data-figure="verdict-kind"]'), verdictKindClass(info?.verdict?.kind));
    }

    const dropped = /** @type {HTMLElement | null} */ (root.querySelector('[data-dropped]'));
    if (dropped) {
        dropped.hidden = state.dropped === 0;
    }

    if (latest) {
        renderThresholds(root.querySelector('[data-thresholds]'), latest.thresholds ?? []);
    }
}

/** @type {WeakMap<Element, string>} what each list shows, so an unchanged list is left alone */
const shownThresholds = new WeakMap();

/**
 * @param {Element | null} list
 * @param {ThresholdState[]} thresholds
 */
export function renderThresholds(list, thresholds) {
    if (!list) {
        return;
    }
    const signature = JSON.stringify(thresholds.map(t => [t.expression, t.passed, t.message]));
    if (shownThresholds.get(list) === signature) {
        return;
    }
    shownThresholds.set(list, signature);
    const items = thresholds.map(t => {
        const item = element('li', 'threshold', [
            element('span', `pill ${verdictClass(t.passed)}`, [thresholdWord(t.passed)]),
            ' ',
            element('code', '', [t.expression]),
        ]);
        if (t.message) {
            item.append(element('div', 'muted threshold-message', [t.message]));
        }
        return item;
    });
    list.replaceChildren(...(items.length > 0 ? items : [element('li', 'muted', ['This scenario sets no threshold.'])]));
}
