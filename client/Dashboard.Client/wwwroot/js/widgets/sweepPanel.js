// @ts-check
// The live run page's sweep (Components/SweepPanel.razor): shown once a snapshot carries a
// sweep, its curve (waiting p99 and mean, latency p99 and the M/G/1 and Kingman predictions against offered
// rate, the knee and the best case marked), its best, knee and worst case in words
// (Formatting/SweepText.cs) and its steps. Every field may be missing while the sweep starts.
import { adaptive, compact, percent } from '../format.js';
import { element, emptyRow, quantity, setText } from '../dom.js';
import { RateCurveChart } from '../charts/rateCurve.js';
import { predictedWait } from './predictionPanel.js';

/** @typedef {import('../contracts/runs.js').SweepReport} SweepReport */
/** @typedef {import('../contracts/runs.js').SweepStep} SweepStep */

const COLORS = {
    waitingP99: '#e58a16',
    waitingMean: '#f2c27a',
    latencyP99: '#8a4fc7',
    predicted: '#1f8a8a',
    kingman: '#4c6fd1',
    knee: '#b42318',
    best: '#1a7f37',
};

/** @param {SweepReport} sweep */
export function statusText(sweep) {
    switch (sweep.status) {
        case 'running': return 'sweep running';
        case 'saturated': return 'stopped at saturation';
        case 'completed': return 'completed';
        default: return String(sweep.status ?? '');
    }
}

/** @param {SweepReport} sweep */
export function bestText(sweep) {
    const best = sweep.best;
    return best
        ? `Best case: ${compact(best.rate)} requests/s at ${percent(best.utilization)} % utilization, waiting p99 ${adaptive(best.waitingP99Ms)} ms within the ${adaptive(best.budgetMs)} ms budget (${sweep.budgetSource}).`
        : `Best case: no step has kept waiting p99 within the ${adaptive(sweep.budgetMs)} ms budget (${sweep.budgetSource}) yet.`;
}

/** @param {SweepReport} sweep */
export function kneeText(sweep) {
    return typeof sweep.kneeRate === 'number'
        ? `Knee: the loop kept up with up to ${compact(sweep.kneeRate)} requests/s.`
        : 'Knee: no step has kept up yet.';
}

/** @param {SweepReport} sweep */
export function warmUpText(sweep) {
    return `Warm-up: the first ${adaptive(sweep.warmUpSeconds ?? 0)} s, until answers were coming back, counted in no step (connections opening, code compiling on first use).`;
}

/** @param {SweepReport} sweep */
export function worstText(sweep) {
    const worst = sweep.worst;
    return worst
        ? `Worst case: saturation from ${compact(worst.saturationRate)} requests/s; beyond it waiting grows ${adaptive(worst.waitingGrowthMsPerSecond)} ms per second and the backlog ${adaptive(worst.backlogGrowthPerSecond)} requests per second.`
        : 'Worst case: the loop has kept up at every step so far.';
}

/**
 * The state word and pill class of SweepText.StepState / StepStateClass: an incomplete step is
 * running while the sweep runs, and was cut short once it has ended (saturated, when the stop
 * rule fired in it).
 * @param {SweepStep} step
 * @param {string} sweepStatus
 * @returns {[string, string]}
 */
export function stepState(step, sweepStatus) {
    if (!step.complete && sweepStatus === 'running') {
        return ['running', 'pill-live'];
    }
    if (step.saturated) {
        return [step.complete ? 'saturated' : 'saturated (cut short)', 'pill-bad'];
    }
    if (!step.complete) {
        return ['cut short', 'pill-muted'];
    }
    return step.withinBudget ? ['within budget', 'pill-ok'] : ['over budget', 'pill-muted'];
}

/** @param {Node} child */
const num = child => element('td', 'num', [child]);

/**
 * A step's row, as SweepPanel.razor renders it.
 * @param {SweepStep} step
 * @param {string} sweepStatus
 * @returns {HTMLElement}
 */
export function stepRow(step, sweepStatus) {
    const [word, pill] = stepState(step, sweepStatus);
    const prediction = element('span', 'predicted', [predictedWait(step.prediction?.predictedMgOneMs, step.prediction != null)]);
    prediction.dataset.predicted = 'step-mg1';
    const row = element('tr', '', [
        element('td', 'num', [String(step.index + 1)]),
        num(quantity(compact(step.offeredRate), '/s')),
        num(quantity(adaptive(step.achievedRate), '/s')),
        num(quantity(percent(step.utilization), '%')),
        num(quantity(adaptive(step.waiting?.meanMs), 'ms')),
        num(quantity(adaptive(step.waiting?.p99Ms), 'ms')),
        num(quantity(adaptive(step.latency?.p99Ms), 'ms')),
        num(prediction),
        num(quantity(adaptive(step.backlogGrowthPerSecond), 'req/s')),
        element('td', '', [element('span', `pill ${pill}`, [word])]),
    ]);
    row.dataset.step = String(step.index);
    return row;
}

export class SweepPanel {
    #panel;
    #maxRows;
    /** @type {RateCurveChart | null} */
    #chart = null;
    /** @type {string} what the panel shows, so an unchanged sweep is left alone */
    #shown = '';

    /**
     * @param {HTMLElement} panel the element with data-sweep
     * @param {number} maxRows steps listed (the highest kept)
     */
    constructor(panel, maxRows) {
        this.#panel = panel;
        this.#maxRows = maxRows;
    }

    /**
     * Shows the sweep; does nothing for null (a run without a sweep keeps the panel hidden).
     * @param {SweepReport | null | undefined} sweep
     */
    update(sweep) {
        if (!sweep) {
            return;
        }
        const signature = JSON.stringify(sweep);
        if (signature === this.#shown) {
            return;
        }
        this.#shown = signature;
        const panel = this.#panel;
        panel.hidden = false;
        const steps = [...(Array.isArray(sweep.steps) ? sweep.steps : [])].sort((a, b) => a.index - b.index);

        const status = panel.querySelector('[data-sweep-status]');
        setText(status, statusText(sweep));
        status?.classList.toggle('pill-live', sweep.status === 'running');
        status?.classList.toggle('pill-muted', sweep.status !== 'running');
        setText(panel.querySelector('[data-sweep-best]'), bestText(sweep));
        setText(panel.querySelector('[data-sweep-knee]'), kneeText(sweep));
        setText(panel.querySelector('[data-sweep-worst]'), worstText(sweep));
        const warmUp = /** @type {HTMLElement | null} */ (panel.querySelector('[data-sweep-warm-up]'));
        if (warmUp) {
            warmUp.hidden = !(typeof sweep.warmUpSeconds === 'number' && sweep.warmUpSeconds > 0);
            setText(warmUp, warmUpText(sweep));
        }
        const stop = /** @type {HTMLElement | null} */ (panel.querySelector('[data-sweep-stop]'));
        if (stop) {
            stop.hidden = !sweep.stopReason;
            setText(stop, sweep.stopReason ?? '');
        }

        const rows = steps.slice(-this.#maxRows).map(s => stepRow(s, sweep.status));
        panel.querySelector('[data-sweep-steps]')?.replaceChildren(...(rows.length > 0 ? rows : [emptyRow(10, 'No step measured yet.')]));

        this.#curve()?.set(
            steps.map(s => ({
                x: s.offeredRate,
                values: [s.waiting?.p99Ms, s.waiting?.meanMs, s.latency?.p99Ms, s.prediction?.predictedMgOneMs, s.prediction?.predictedKingmanMs],
                outlier: s.saturated === true,
            })),
            [
                ...(typeof sweep.kneeRate === 'number' ? [{ x: sweep.kneeRate, label: `knee ${compact(sweep.kneeRate)}/s`, color: COLORS.knee }] : []),
                ...(sweep.best ? [{ x: sweep.best.rate, label: `best ${compact(sweep.best.rate)}/s`, color: COLORS.best }] : []),
            ]);
    }

    destroy() {
        this.#chart?.destroy();
        this.#chart = null;
    }

    /** The chart, made once the panel is visible (uPlot needs the container's width). */
    #curve() {
        if (!this.#chart) {
            const host = /** @type {HTMLElement | null} */ (this.#panel.querySelector('[data-chart="sweep"]'));
            if (host) {
                this.#chart = new RateCurveChart(host, {
                    unit: 'ms',
                    xUnit: '/s',
                    series: [
                        { label: 'waiting p99', color: COLORS.waitingP99, fill: true },
                        { label: 'waiting mean', color: COLORS.waitingMean },
                        { label: 'latency p99', color: COLORS.latencyP99 },
                        { label: 'M/G/1 predicted mean', color: COLORS.predicted, dash: [4, 3] },
                        // Kingman takes the arrivals' variability too: the model to read for evenly
                        // spaced arrivals; for Poisson ones it draws over the M/G/1 line.
                        { label: 'Kingman predicted mean', color: COLORS.kingman, dash: [2, 4] },
                    ],
                });
            }
        }
        return this.#chart;
    }
}
